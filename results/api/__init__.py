"""The read API, /api/v1/: the site's data as JSON (Django REST Framework, schema by drf-spectacular)."""
