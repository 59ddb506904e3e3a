-- What a cleaning did, before against after, on the version it produced.
alter table dataset_versions add column summary_json text;
