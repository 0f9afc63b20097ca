"""Prefect orchestration of orderintake: the only package that imports prefect.

Flows are thin: `process-document` (one file) and `process-inbox` (a service root's inbox) call tasks that
wrap the plain-Python pipeline. `flows.serve` serves both as deployments for the Prefect UI.
"""
