"""The client of the CQC public API: plain Python, no models."""

from . import cqc_client
