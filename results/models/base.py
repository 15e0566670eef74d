from django.db import models

from results.names import name_key, name_slug


class NamedModel(models.Model):
    """A thing fans look up by name: it has a URL slug and a spelling-insensitive key.

    ``key`` and ``slug`` are derived in ``save()``; bulk writers (the importer) fill them
    with ``fill_derived()`` because ``bulk_create`` skips ``save()``.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
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
