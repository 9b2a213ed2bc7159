"""An upload handler that stops storing a file once it passes the size limit.

Without it, Django would spool a 2 GB upload to a temporary file before the form could say
it is too large. With it, bytes past the limit are read from the connection (the browser is
still sending them) but never kept, and the view tells the person the file is too large.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request, *, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers (memory or temporary file) build the file
