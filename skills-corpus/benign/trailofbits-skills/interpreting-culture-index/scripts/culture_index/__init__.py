"""Culture Index PDF extraction tools.

This package provides tools for extracting Culture Index employee profile
data from PDF files and converting them to JSON format with interpretations.
"""

from culture_index.constants import ARCHETYPES
from culture_index.extract import generate_json, process_pdf
from culture_index.models import ExtractionResult
from culture_index.opencv_extractor import extract_with_opencv

__version__ = "0.1.0"

__all__ = [
    "ARCHETYPES",
    "ExtractionResult",
    "extract_with_opencv",
    "generate_json",
    "process_pdf",
]
