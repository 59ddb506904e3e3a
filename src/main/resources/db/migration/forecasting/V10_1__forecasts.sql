-- Forecast runs. Each run is a row; runs of the same spec (spec_key) are its history.
create table forecasts (
    id             uuid primary key,
    workspace_id   bigint                   not null,
    workspace_slug varchar(40)              not null,
    dataset_id     uuid                     not null,
    version_id     uuid,
    spec_key       varchar(64)              not null,
    spec_json      text                     not null,
    status         varchar(16)              not null,
    error          varchar(4000),
    execution_id   uuid,
    series_total   int                      not null default 0,
    series_done    int                      not null default 0,
    created_by     varchar(200)             not null,
    created_at     timestamp with time zone not null,
    finished_at    timestamp with time zone
);
create index ix_forecasts_workspace on forecasts (workspace_id, created_at);
create index ix_forecasts_spec on forecasts (workspace_id, spec_key);

-- One row per series of a run: the chosen model, backtests, history and points as JSON.
create table forecast_series (
    forecast_id      uuid         not null references forecasts (id) on delete cascade,
    ordinal          int          not null,
    segment          varchar(500) not null,
    segment_json     text         not null,
    model            varchar(60)  not null,
    note             varchar(2000),
    backtest_json    text         not null,
    candidates_json  text         not null,
    history_json     text         not null,
    points_json      text         not null,
    primary key (forecast_id, ordinal)
);

-- Managers' overrides: a layer apart from the model's values, tied to the spec so re-runs keep them.
create table forecast_adjustments (
    id           uuid primary key,
    workspace_id bigint                   not null,
    spec_key     varchar(64)              not null,
    forecast_id  uuid                     not null,
    segment      varchar(500),
    time_from    timestamp                not null,
    time_to      timestamp                not null,
    kind         varchar(16)              not null,
    amount_value double precision,
    percent      double precision,
    reason       varchar(1000)            not null,
    created_by   varchar(200)             not null,
    created_at   timestamp with time zone not null
);
create index ix_forecast_adjustments_spec on forecast_adjustments (workspace_id, spec_key);
