package dev.foresight.drift.web;

import dev.foresight.datasets.DatasetVersion;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.VersionStatus;
import dev.foresight.drift.DriftMonitor;
import dev.foresight.drift.DriftMonitors;
import dev.foresight.drift.DriftRun;
import dev.foresight.drift.MetricSpec;
import dev.foresight.drift.MonitorDefinition;
import dev.foresight.drift.internal.DriftStore;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/w/{slug}/drift")
class DriftPageController {

    /** Rows of metric fields the form shows; blank ones are ignored. */
    private static final int METRIC_ROWS = 6;

    /** The monitor form as posted: metrics as parallel lists, one entry per row. */
    record MonitorForm(
            @Nullable String name,
            @Nullable String dataset,
            @Nullable String timeColumn,
            @Nullable String segments,
            @Nullable List<String> metricKind,
            @Nullable List<String> metricColumn,
            @Nullable List<String> metricCondition,
            @Nullable List<String> metricName,
            @Nullable String baselineWindow,
            @Nullable String currentWindow,
            @Nullable String baselineVersion,
            @Nullable String schedule) {

        MonitorDefinition definition() {
            var metrics = new ArrayList<MetricSpec>();
            var kinds = metricKind == null ? List.<String>of() : metricKind;
            for (int i = 0; i < kinds.size(); i++) {
                if (kinds.get(i) == null || kinds.get(i).isBlank()) {
                    continue;
                }
                metrics.add(
                        new MetricSpec(kinds.get(i), at(metricColumn, i), at(metricCondition, i), at(metricName, i)));
            }
            var segmentList = segments == null
                    ? List.<String>of()
                    : Arrays.stream(segments.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
            return new MonitorDefinition(
                    name,
                    dataset,
                    timeColumn,
                    segmentList,
                    metrics,
                    baselineWindow,
                    currentWindow,
                    version(baselineVersion),
                    schedule,
                    null);
        }

        private static @Nullable UUID version(@Nullable String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return UUID.fromString(value.strip());
            } catch (IllegalArgumentException notAnId) {
                throw new InvalidRequestException("Choose the baseline version from the list.");
            }
        }

        private static @Nullable String at(@Nullable List<String> values, int index) {
            if (values == null || index >= values.size()) {
                return null;
            }
            var value = values.get(index);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    private final DriftMonitors monitors;
    private final Datasets datasets;

    DriftPageController(DriftMonitors monitors, Datasets datasets) {
        this.monitors = monitors;
        this.datasets = datasets;
    }

    @GetMapping
    String list(CurrentWorkspace workspace, Model model) {
        model.addAttribute("monitors", monitors.list(workspace));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", emptyForm());
        }
        formChoices(workspace, model);
        return "drift/list";
    }

    @PostMapping
    String create(CurrentWorkspace workspace, @ModelAttribute MonitorForm form, RedirectAttributes redirect) {
        try {
            var monitor = monitors.create(workspace, form.definition());
            redirect.addFlashAttribute("notice", "Monitor '" + monitor.name() + "' saved.");
            return "redirect:/w/" + workspace.slug() + "/drift/" + monitor.id();
        } catch (InvalidRequestException refused) {
            redirect.addFlashAttribute("error", refused.getBody().getDetail());
            redirect.addFlashAttribute("form", padded(form));
            return "redirect:/w/" + workspace.slug() + "/drift";
        }
    }

    @GetMapping("/{monitorId}")
    String monitor(CurrentWorkspace workspace, @PathVariable UUID monitorId, Model model) {
        var monitor = monitors.get(workspace, monitorId);
        var runs = monitors.runs(workspace, monitorId);
        model.addAttribute("monitor", monitor);
        model.addAttribute("runs", runs);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", formOf(monitor));
        }
        formChoices(workspace, model);
        return "drift/monitor";
    }

    @PostMapping("/{monitorId}")
    String update(
            CurrentWorkspace workspace,
            @PathVariable UUID monitorId,
            @ModelAttribute MonitorForm form,
            RedirectAttributes redirect) {
        try {
            var existing = monitors.get(workspace, monitorId);
            var definition = form.definition();
            monitors.update(
                    workspace,
                    monitorId,
                    new MonitorDefinition(
                            definition.name(),
                            definition.dataset(),
                            definition.timeColumn(),
                            definition.segments(),
                            definition.metrics(),
                            definition.baselineWindow(),
                            definition.currentWindow(),
                            definition.baselineVersion(),
                            definition.schedule(),
                            existing.falseDiscoveryRate()));
            redirect.addFlashAttribute("notice", "Monitor saved.");
        } catch (InvalidRequestException refused) {
            redirect.addFlashAttribute("error", refused.getBody().getDetail());
            redirect.addFlashAttribute("form", padded(form));
        }
        return "redirect:/w/" + workspace.slug() + "/drift/" + monitorId;
    }

    @PostMapping("/{monitorId}/runs")
    String run(CurrentWorkspace workspace, @PathVariable UUID monitorId) {
        var started = monitors.startRun(workspace, monitorId);
        return "redirect:/w/" + workspace.slug() + "/drift/runs/" + started.runId();
    }

    @PostMapping("/{monitorId}/delete")
    String delete(CurrentWorkspace workspace, @PathVariable UUID monitorId, RedirectAttributes redirect) {
        monitors.delete(workspace, monitorId);
        redirect.addFlashAttribute("notice", "Monitor deleted.");
        return "redirect:/w/" + workspace.slug() + "/drift";
    }

    @GetMapping("/runs/{runId}")
    String runPage(CurrentWorkspace workspace, @PathVariable UUID runId, Model model) {
        var run = monitors.run(workspace, runId);
        model.addAttribute("run", run);
        model.addAttribute("monitor", monitors.get(workspace, run.monitorId()));
        return "drift/run";
    }

    /** The run as the matrix and drill-down script reads it. */
    @GetMapping(value = "/runs/{runId}/data", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    DriftRun runData(CurrentWorkspace workspace, @PathVariable UUID runId) {
        return monitors.run(workspace, runId);
    }

    @GetMapping(value = "/{monitorId}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<DriftStore.TimelinePoint> timeline(
            CurrentWorkspace workspace,
            @PathVariable UUID monitorId,
            @RequestParam String segment,
            @RequestParam String metric) {
        return monitors.timeline(workspace, monitorId, segment, metric);
    }

    private void formChoices(CurrentWorkspace workspace, Model model) {
        var list = datasets.list(workspace);
        model.addAttribute("datasets", list);
        // Versions a monitor may compare the published one with: the processed ones, newest first, per dataset.
        var versions = new java.util.LinkedHashMap<String, List<DatasetVersion>>();
        for (var dataset : list) {
            var processed = datasets.versions(workspace, dataset.id()).stream()
                    .filter(v -> v.status() == VersionStatus.SUCCEEDED)
                    .toList();
            if (!processed.isEmpty()) {
                versions.put(dataset.name(), processed);
            }
        }
        model.addAttribute("versions", versions);
        model.addAttribute("kinds", List.of("rate", "numeric", "categorical", "volume"));
    }

    private static MonitorForm emptyForm() {
        return padded(new MonitorForm(null, null, null, null, null, null, null, null, "P8W", "P1W", null, null));
    }

    private static MonitorForm formOf(DriftMonitor monitor) {
        var metrics = monitor.metrics();
        return padded(new MonitorForm(
                monitor.name(),
                monitor.dataset().toString(),
                monitor.timeColumn(),
                String.join(", ", monitor.segments()),
                metrics.stream().map(m -> m.kind() == null ? "" : m.kind()).toList(),
                metrics.stream().map(m -> m.column() == null ? "" : m.column()).toList(),
                metrics.stream()
                        .map(m -> m.condition() == null ? "" : m.condition())
                        .toList(),
                metrics.stream().map(m -> m.name() == null ? "" : m.name()).toList(),
                monitor.baselineWindow(),
                monitor.currentWindow(),
                monitor.baselineVersion() == null
                        ? null
                        : monitor.baselineVersion().toString(),
                monitor.schedule()));
    }

    /** The form with as many metric rows as the page shows. */
    private static MonitorForm padded(MonitorForm form) {
        return new MonitorForm(
                form.name(),
                form.dataset(),
                form.timeColumn(),
                form.segments(),
                pad(form.metricKind()),
                pad(form.metricColumn()),
                pad(form.metricCondition()),
                pad(form.metricName()),
                form.baselineWindow(),
                form.currentWindow(),
                form.baselineVersion(),
                form.schedule());
    }

    private static List<String> pad(@Nullable List<String> values) {
        var padded = new ArrayList<String>(values == null ? List.of() : values);
        while (padded.size() < METRIC_ROWS) {
            padded.add("");
        }
        return padded;
    }
}
