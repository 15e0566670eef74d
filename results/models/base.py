from django.core.exceptions import ValidationError
from django.db import models

from results.names import free_slug, name_key, name_slug


class NamedModel(models.Model):
    """A thing fans look up by name: it has a URL slug and a spelling-insensitive key.

    ``key`` and ``slug`` are derived in ``save()``; bulk writers (the importer) fill them
    with ``fill_derived()`` because ``bulk_create`` skips ``save()``.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=140, unique=True, blank=True, help_text="The web address; filled in from the name when empty."
    )
    key = models.CharField(
        max_length=120,
        unique=True,
        editable=False,
        help_text="The name folded to lower-case ASCII; two records may not share it.",
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self):
        self.key = name_key(self.name)
        if not self.slug:
            self.slug = name_slug(self.name)
        return self

    def clean(self):
        """Editors' forms: a name that folds to another record's key, said on the name field (the
        database would refuse it with an error naming no field); a free slug when none is given."""
        others = type(self)._default_manager.exclude(pk=self.pk)
        clash = others.filter(key=name_key(self.name)).first() if self.name else None
        if clash is not None:
            what = self._meta.verbose_name
            raise ValidationError(
                {
                    "name": f"{clash.name!r} is already a {what}: names that differ only in accents, capitals or "
                    f"punctuation are one name. Edit that {what}, merge the two, or add a qualifier such as (CA)."
                }
            )
        if not self.slug and self.name:
            self.slug = free_slug(self.name, lambda slug: others.filter(slug=slug).exists())

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("slug",):
            return ValidationError(
                f"Another {self._meta.verbose_name} already has this web address; change it or leave it empty.",
                code="unique",
            )
        return super().unique_error_message(model_class, unique_check)


class Alias(models.Model):
    """Another spelling of a name, as reports write it."""

    name = models.CharField(max_length=120)
    key = models.CharField(max_length=120, unique=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        """Editors' forms: one spelling belongs to one record (the key is unique)."""
        clash = (
            type(self)._default_manager.exclude(pk=self.pk).filter(key=name_key(self.name)).first()
            if self.name
            else None
        )
        if clash is not None:
            raise ValidationError({"name": f"{clash.name!r} is already another spelling of {clash.owner()}."})

    def owner(self):
        raise NotImplementedError
