"""The system of record: the canonical multi-agency records (docs/data-model.md).

Each record kind keeps the agency's own key (`source_id`), the batch that first
brought it and the batch that last changed it, a content hash, and a version
number. Every version's full canonical content is kept in `RecordVersion`, so a
changed row never loses what was there before.

Partial dates are stored as ISO strings ('1998', '1998-03', '1998-03-04') with
their precision, and events also keep the earliest day they could mean
(`occurred_on`) for ordering and time windows.
"""

from __future__ import annotations

from django.db import models

from joinedup.records import vocabularies
from joinedup.web.crypto.fields import EncryptedTextField, JSONFieldWithEncryptedKeys


def _choices(vocabulary: str) -> list[tuple[str, str]]:
    return [(c, vocabularies.label(vocabulary, c)) for c in sorted(vocabularies.codes(vocabulary))]


class Agency(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=_choices("agency_kind"))

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ImportBatch(models.Model):
    """One run of `joinedup import` for one agency: who, when, which files, what changed."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="batches")
    imported_by = models.CharField(max_length=150)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    mapping_path = models.CharField(max_length=500)
    mapping_sha256 = models.CharField(max_length=64)
    files = models.JSONField(default=list, help_text="name, path, sha256, table, record, rows")
    skip_invalid = models.BooleanField(default=False)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, help_text="per record kind: created/changed/unchanged")
    skipped_rows = models.JSONField(default=list, help_text="file, row, field, value, expected")

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Batch {self.pk} for {self.agency.code} at {self.started_at:%Y-%m-%d %H:%M}"


class VersionedRecord(models.Model):
    """Fields every canonical record shares."""

    KIND = ""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    source_id = models.CharField(max_length=128)
    version = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64)
    imported_in = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    updated_in = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.KIND} {self.source_id} ({self.agency_id})"


class ResolvedEntity(VersionedRecord):
    """A place, vehicle, phone or organisation record that entity resolution groups."""

    entity_id = models.CharField(
        max_length=12, blank=True, db_index=True,
        help_text="the resolved entity across agencies, e.g. PL-0000001 (set by `joinedup link`)",
    )  # fmt: skip

    class Meta:
        abstract = True


def _unique_per_agency(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["agency", "source_id"], name=f"{name}_unique_source")


class RecordVersion(models.Model):
    """The full canonical content of every version of every record, as imported."""

    kind = models.CharField(max_length=16)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    source_id = models.CharField(max_length=128)
    version = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    content = JSONFieldWithEncryptedKeys(
        encrypted_keys=("narrative",), help_text="an event's narrative is encrypted at rest"
    )
    imported_in = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="versions")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "agency", "source_id", "version"], name="record_version_unique"
            )
        ]


class Place(ResolvedEntity):
    KIND = "place"
    name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=32, choices=_choices("place_kind"), default="other")
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    uprn = models.CharField(max_length=12, blank=True)
    address_line = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [_unique_per_agency("place")]


class Vehicle(ResolvedEntity):
    KIND = "vehicle"
    registration = models.CharField(max_length=10, db_index=True)
    registration_as_written = models.CharField(max_length=20, blank=True)
    make = models.CharField(max_length=50, blank=True)
    model = models.CharField(max_length=50, blank=True)
    colour = models.CharField(max_length=30, blank=True)

    class Meta:
        constraints = [_unique_per_agency("vehicle")]


class Phone(ResolvedEntity):
    KIND = "phone"
    number = models.CharField(max_length=16, db_index=True, help_text="E.164")
    number_as_written = models.CharField(max_length=30, blank=True)

    class Meta:
        constraints = [_unique_per_agency("phone")]


class Organisation(ResolvedEntity):
    KIND = "organisation"
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=_choices("organisation_kind"), default="other")
    licence_numbers = models.JSONField(default=list)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    phones = models.ManyToManyField(Phone, blank=True, related_name="organisations")

    class Meta:
        constraints = [_unique_per_agency("organisation")]


class SourcePerson(VersionedRecord):
    """One agency's record of one person."""

    KIND = "person"
    forenames = models.CharField(max_length=150, blank=True)
    surname = models.CharField(max_length=150, blank=True)
    dob = models.CharField(max_length=10, blank=True, help_text="ISO partial date")
    dob_precision = models.CharField(max_length=5, blank=True, help_text="year, month or day")
    sex = models.CharField(max_length=16, choices=_choices("sex"), default="not_known")
    gender = models.CharField(max_length=50, blank=True)
    ethnicity = models.CharField(max_length=32, choices=_choices("ethnicity"), default="not_known")
    nationality = models.CharField(max_length=60, blank=True)
    age_group = models.CharField(max_length=10, choices=_choices("age_group"), default="not_known")

    class Meta:
        constraints = [_unique_per_agency("source_person")]
        indexes = [models.Index(fields=["surname", "forenames"])]


class PersonOtherName(models.Model):
    person = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=20, choices=_choices("other_name_kind"))
    forenames = models.CharField(max_length=150, blank=True)
    surname = models.CharField(max_length=150, blank=True)


class PersonAddress(models.Model):
    person = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="addresses")
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    uprn = models.CharField(max_length=12, blank=True)
    line = models.CharField(max_length=300, blank=True)
    date_from = models.CharField(max_length=10, blank=True, help_text="ISO partial date")
    date_to = models.CharField(max_length=10, blank=True, help_text="ISO partial date")


class PersonPhone(models.Model):
    person = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=16, db_index=True, help_text="E.164")


class PersonEmail(models.Model):
    person = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="emails")
    address = models.CharField(max_length=254)


class PersonIdentifier(models.Model):
    person = models.ForeignKey(SourcePerson, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=20, choices=_choices("identifier_scheme"))
    value = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["scheme", "value"])]


class Event(VersionedRecord):
    """Something an agency recorded as happening."""

    KIND = "event"
    event_type = models.CharField(max_length=32, choices=_choices("event_type"), db_index=True)
    occurred = models.CharField(max_length=16, help_text="ISO partial date-time")
    occurred_precision = models.CharField(max_length=6, help_text="year, month, day or minute")
    occurred_on = models.DateField(db_index=True, help_text="earliest day `occurred` could mean")
    recorded = models.DateField(null=True, blank=True)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    summary = models.TextField(blank=True)
    narrative = EncryptedTextField(blank=True, help_text="restricted; encrypted at rest")
    sensitivity = models.CharField(
        max_length=20, choices=_choices("sensitivity"), default="standard"
    )
    grade_source = models.CharField(max_length=1, blank=True, help_text="3x5x2: 1-3")
    grade_intelligence = models.CharField(max_length=1, blank=True, help_text="3x5x2: A-E")
    grade_handling = models.CharField(max_length=1, blank=True, help_text="3x5x2: P or C")
    vehicles = models.ManyToManyField(Vehicle, blank=True, related_name="events")
    phones = models.ManyToManyField(Phone, blank=True, related_name="events")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="events")

    class Meta:
        constraints = [_unique_per_agency("event")]

    @property
    def grade(self) -> str:
        return f"{self.grade_source}{self.grade_intelligence}{self.grade_handling}"


class EventParticipant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(SourcePerson, on_delete=models.PROTECT, related_name="events")
    role = models.CharField(max_length=20, choices=_choices("participant_role"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person", "role"], name="participant_unique")
        ]
