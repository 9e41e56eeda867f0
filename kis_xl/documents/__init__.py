"""Word documents from editable templates (``kis-xl docs``, ``kis-xl templates check``).

Pure context builders turn a ``Club`` into the names a template may use;
a sandboxed docxtpl renderer fills the office's own Word files; a checker
tells staff what an edited template asks for that the data does not have.
Public entry points: ``kis_xl.documents.render.render_documents`` and
``kis_xl.documents.checker.check_templates``.
"""
