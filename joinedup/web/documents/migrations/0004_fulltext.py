"""The full-text index (services/search.py): an FTS5 table on SQLite, a tsvector table
with a GIN index on PostgreSQL. Documents already held are indexed with the text of
their latest version."""

from django.db import migrations


def forwards(apps, schema_editor):
    from joinedup.web.documents.services import search

    search.create_index()
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    for document in Document.objects.all():
        latest = DocumentVersion.objects.filter(document=document).order_by("-number").first()
        search.index_document(document.pk, document.title, latest.text if latest else "")


def backwards(apps, schema_editor):
    from joinedup.web.documents.services import search

    search.drop_index()


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_metadata_tags_duplicates")]

    operations = [migrations.RunPython(forwards, backwards)]
