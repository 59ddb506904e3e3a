-- The workbook sheet an XLSX upload was read from, when one other than the first was chosen.
alter table dataset_versions add column sheet varchar(200);
