"""The ORM models of the 采集簿. Only the core imports these; the UI receives DTOs."""

from gridapp.models.base import Base, Synced, new_id
from gridapp.models.cases import Attachment, AttachmentBlob, Case, CaseLink, CaseStep, Visit
from gridapp.models.grid import GridAssignment, GridNode, GridWorker, MapPin, PartyCenter, PartyCenterLink
from gridapp.models.imports import ImportJournal, ImportRecord
from gridapp.models.monitoring import ColourChange, MonitorWarning
from gridapp.models.people import House, Household, Person, PersonMove, PersonTag, Place
from gridapp.models.sync import SyncArrival, SyncConflict, SyncDuplicate, SyncHistory, SyncPeer
from gridapp.models.system import AuditEntry, Office, Setting, User

__all__ = [
    "Attachment",
    "AttachmentBlob",
    "AuditEntry",
    "Base",
    "Case",
    "CaseLink",
    "CaseStep",
    "ColourChange",
    "GridAssignment",
    "GridNode",
    "GridWorker",
    "House",
    "Household",
    "ImportJournal",
    "ImportRecord",
    "MapPin",
    "MonitorWarning",
    "Office",
    "PartyCenter",
    "PartyCenterLink",
    "Person",
    "PersonMove",
    "PersonTag",
    "Place",
    "Setting",
    "SyncArrival",
    "SyncConflict",
    "SyncDuplicate",
    "SyncHistory",
    "SyncPeer",
    "Synced",
    "User",
    "Visit",
    "new_id",
]
