//! lcs-api: every call of the three backend families (customer API, user centre,
//! financial-planner API), typed, sent through one generic path. Knows nothing of Tauri.
