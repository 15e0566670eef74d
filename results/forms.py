from django import forms

from results.importers.read import FORMATS
from results.importers.writer import Options


class ImportForm(forms.Form):
    """An editor's report: a file or pasted text, plus the facts the report may not state."""

    file = forms.FileField(required=False, help_text="A text, CSV/TSV or HTML report.")
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 100}), help_text="Or paste the report here."
    )
    series = forms.CharField(required=False, help_text="Cup, Xfinity or Truck, when the report does not say.")
    year = forms.IntegerField(required=False, min_value=1949, max_value=2100)
    round = forms.IntegerField(required=False, min_value=1, max_value=99)
    date = forms.DateField(required=False, help_text="YYYY-MM-DD")
    track = forms.CharField(required=False, max_length=120)
    name = forms.CharField(required=False, max_length=150, label="Race name")
    format = forms.ChoiceField(
        required=False, choices=[("", "Detect")] + [(f, f) for f in FORMATS if f != "historical"]
    )

    def clean(self):
        data = super().clean() or {}
        upload = data.get("file")
        if upload:
            data["content"], data["source"] = upload.read(), upload.name
            # the preview shows the text so that confirming imports exactly what was checked
            data["text"] = data["content"].decode("utf-8", "replace")
        elif data.get("text", "").strip():
            data["content"], data["source"] = data["text"].encode("utf-8"), "pasted report"
        else:
            raise forms.ValidationError("Choose a file or paste a report.")
        return data

    def options(self):
        d = self.cleaned_data
        return Options(
            series=d["series"],
            year=d["year"],
            round=d["round"],
            date=d["date"],
            track=d["track"],
            name=d["name"],
            format=d["format"] or None,
        )
