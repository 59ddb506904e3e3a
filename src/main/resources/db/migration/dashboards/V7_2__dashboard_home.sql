-- The dashboard a workspace's home page opens on: at most one per workspace, gone with the dashboard.
create table dashboard_homes (
    workspace_id bigint primary key,
    dashboard_id uuid   not null references dashboards (id) on delete cascade
);
-- Demo dashboards seeded before this table existed become their workspace's home, as new seeding makes them.
insert into dashboard_homes (workspace_id, dashboard_id)
select workspace_id, id from dashboards where demo_key in ('demo.retail-sales', 'demo.claims');
