"""Reports: one context builder per report (krs, visits, screening); renderers to Markdown and Excel."""
