-- Alert channels: where messages go. Secrets (webhook signing keys, SMTP passwords, tokens, chat hook URLs) are one
-- AES-GCM sealed JSON document in secrets_sealed; nothing else holds them.
create table alert_channels (
    id              uuid primary key,
    workspace_id    bigint                   not null,
    type            varchar(16)              not null,
    name            varchar(200)             not null,
    url             varchar(2000),
    settings_json   text                     not null,
    secrets_sealed  varchar(8000),
    template        varchar(4000),
    enabled         boolean                  not null,
    disabled_reason varchar(1000),
    demo_receiver   boolean                  not null default false,
    rotated_at      timestamp with time zone,
    created_by      varchar(200)             not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index ix_alert_channels_workspace on alert_channels (workspace_id);

-- Alert rules: which events, how they are grouped and throttled, which channels hear them.
create table alert_rules (
    id              uuid primary key,
    workspace_id    bigint                   not null,
    name            varchar(200)             not null,
    event           varchar(32)              not null,
    min_severity    varchar(16),
    monitor_id      uuid,
    segment         varchar(500),
    min_reject_rate double precision,
    dataset_id      uuid,
    channels_json   text                     not null,
    group_wait      varchar(40),
    group_interval  varchar(40),
    repeat_interval varchar(40),
    enabled         boolean                  not null,
    created_by      varchar(200)             not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index ix_alert_rules_workspace on alert_rules (workspace_id);

-- Pending notification groups (Grafana-style): events of one rule and group key wait here until flush_at.
create table alert_groups (
    id              uuid primary key,
    workspace_id    bigint                   not null,
    rule_id         uuid                     not null references alert_rules (id) on delete cascade,
    group_key       varchar(500)             not null,
    flush_at        timestamp with time zone not null,
    last_flushed_at timestamp with time zone,
    lease_until     timestamp with time zone,
    created_at      timestamp with time zone not null,
    constraint uq_alert_group unique (rule_id, group_key)
);
create index ix_alert_groups_due on alert_groups (flush_at);

create table alert_group_items (
    id          uuid primary key,
    group_id    uuid                     not null references alert_groups (id) on delete cascade,
    fingerprint varchar(1000)            not null,
    fields_json text                     not null,
    received_at timestamp with time zone not null
);
create index ix_alert_group_items_group on alert_group_items (group_id);

-- When each alert (rule × fingerprint) was last sent, for the repeat interval.
create table alert_sent (
    rule_id     uuid                     not null references alert_rules (id) on delete cascade,
    fingerprint varchar(1000)            not null,
    sent_at     timestamp with time zone not null,
    primary key (rule_id, fingerprint)
);

-- Deliveries: written before the first attempt, swept when due; message_id is the webhook-id on every attempt.
create table alert_deliveries (
    id              uuid primary key,
    workspace_id    bigint                   not null,
    channel_id      uuid                     not null references alert_channels (id) on delete cascade,
    rule_id         uuid,
    message_id      varchar(64)              not null,
    event_type      varchar(40)              not null,
    message_json    text                     not null,
    status          varchar(16)              not null,
    attempt_count   int                      not null,
    next_attempt_at timestamp with time zone,
    lease_until     timestamp with time zone,
    last_error      varchar(2000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index ix_alert_deliveries_workspace on alert_deliveries (workspace_id, created_at);
create index ix_alert_deliveries_due on alert_deliveries (status, next_attempt_at);

create table alert_delivery_attempts (
    id              uuid primary key,
    delivery_id     uuid                     not null references alert_deliveries (id) on delete cascade,
    number          int                      not null,
    at              timestamp with time zone not null,
    request_summary varchar(1000)            not null,
    status_code     int,
    latency_ms      bigint                   not null,
    error           varchar(2000)
);
create index ix_alert_attempts_delivery on alert_delivery_attempts (delivery_id);

-- E-mail that would have been sent had SMTP been configured.
create table alert_outbox (
    id          uuid primary key,
    workspace_id bigint                  not null,
    delivery_id uuid,
    channel_id  uuid,
    recipients  varchar(2000)            not null,
    subject     varchar(1000)            not null,
    body        text                     not null,
    created_at  timestamp with time zone not null
);
create index ix_alert_outbox_workspace on alert_outbox (workspace_id, created_at);

-- The demo receiver's inbox: what the in-process receiver got and whether the signature verified.
create table alert_demo_receipts (
    id           uuid primary key,
    workspace_id bigint                   not null,
    channel_id   uuid                     not null,
    message_id   varchar(64)              not null,
    timestamp_header varchar(40)          not null,
    signature    varchar(1000)            not null,
    body         text                     not null,
    verified     boolean                  not null,
    received_at  timestamp with time zone not null
);
create index ix_alert_demo_receipts_workspace on alert_demo_receipts (workspace_id, received_at);

-- The demo receiver's own copy of its channel's secret, handed over once at creation as to any integrator.
create table alert_demo_receivers (
    channel_id    uuid primary key references alert_channels (id) on delete cascade,
    workspace_id  bigint       not null,
    secret_sealed varchar(2000) not null
);
