"""The sourcetrace web app (FastAPI): pages, a JSON API and saved reports.

>>> from sourcetrace.server import create_app
>>> app = create_app("reports.db")          # then: uvicorn, or TestClient(app)
"""

from sourcetrace.server.app import Limits, create_app, serve
from sourcetrace.server.storage import ReportStore, default_db_path

__all__ = ["Limits", "ReportStore", "create_app", "default_db_path", "serve"]
