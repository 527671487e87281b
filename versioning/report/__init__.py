"""Reports of the compatibility checker: one module per output format, one shared model."""

from versioning.report.model import Comparison, Report, Summary, is_blocking
from versioning.report.render import FORMATS, ReportFormat, render

__all__ = ["FORMATS", "Comparison", "Report", "ReportFormat", "Summary", "is_blocking", "render"]
