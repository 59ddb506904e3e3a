-- Who is viewing which dashboard, for every node behind the broker: one row per live subscription, kept fresh by its
-- node's heartbeat; rows of a node that stopped without saying so expire.
create table dashboard_viewers (
    node            varchar(40)              not null,
    session_id      varchar(100)             not null,
    subscription_id varchar(100)             not null,
    workspace       varchar(40)              not null,
    dashboard_id    uuid                     not null,
    username        varchar(200)             not null,
    heartbeat_at    timestamp with time zone not null,
    primary key (node, session_id, subscription_id)
);
create index ix_dashboard_viewers_dashboard on dashboard_viewers (dashboard_id);
create index ix_dashboard_viewers_heartbeat on dashboard_viewers (heartbeat_at);
