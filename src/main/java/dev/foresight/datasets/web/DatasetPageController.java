package dev.foresight.datasets.web;

import dev.foresight.datasets.CleaningSpec;
import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.RowQuery;
import dev.foresight.datasets.UploadAccepted;
import dev.foresight.datasets.VersionStatus;
import dev.foresight.datasets.rules.ValidationRule;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Controller
@RequestMapping("/w/{slug}/datasets")
class DatasetPageController {

    private static final TypeReference<List<ValidationRule>> RULES = new TypeReference<>() {};

    private final Datasets datasets;
    private final JsonMapper json;

    DatasetPageController(Datasets datasets, JsonMapper json) {
        this.datasets = datasets;
        this.json = json;
    }

    @GetMapping
    String list(CurrentWorkspace workspace, Model model) {
        model.addAttribute("datasets", datasets.list(workspace));
        return "datasets/list";
    }

    /** The drag-and-drop upload posts here with the session's CSRF token and reads the ids from the answer. */
    @PostMapping(value = "/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    UploadAccepted upload(
            CurrentWorkspace workspace,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable UUID datasetId,
            @RequestParam(required = false) @Nullable String sheet)
            throws IOException {
        var fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        try (var content = file.getInputStream()) {
            return datasetId == null
                    ? datasets.create(workspace, name, null, fileName, sheet, content)
                    : datasets.upload(workspace, datasetId, fileName, sheet, content);
        }
    }

    @GetMapping("/{datasetId}")
    String detail(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam(required = false) @Nullable UUID version,
            Model model) {
        var dataset = datasets.get(workspace, datasetId);
        var versions = datasets.versions(workspace, datasetId);
        model.addAttribute("dataset", dataset);
        model.addAttribute("versions", versions);
        var shown = versions.stream()
                .filter(v -> version != null ? v.id().equals(version) : v.current())
                .findFirst()
                .or(() -> versions.stream().findFirst())
                .orElse(null);
        model.addAttribute("shown", shown);
        if (shown != null && shown.status() == VersionStatus.SUCCEEDED) {
            model.addAttribute("quality", datasets.quality(workspace, datasetId, shown.id()));
        }
        if (dataset.currentVersionId() != null) {
            model.addAttribute("page", datasets.rows(workspace, datasetId, new RowQuery(0, 25, null, List.of(), null)));
        }
        var rules = datasets.rules(workspace, datasetId);
        model.addAttribute("rulesJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(rules));
        // The rules form builds its column pickers from the schema of the version shown.
        model.addAttribute(
                "columnsJson",
                json.writeValueAsString(
                        shown == null
                                ? List.of()
                                : shown.columns().stream()
                                        .map(c -> java.util.Map.of("name", c.name(), "type", c.type()))
                                        .toList()));
        model.addAttribute("roles", ColumnRole.values());
        return "datasets/detail";
    }

    @GetMapping("/{datasetId}/rows")
    String rows(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String search,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        model.addAttribute("dataset", datasets.get(workspace, datasetId));
        model.addAttribute("page", datasets.rows(workspace, datasetId, new RowQuery(offset, 25, sort, filter, search)));
        model.addAttribute("offset", offset);
        model.addAttribute("sort", sort);
        model.addAttribute("search", search);
        return "datasets/detail :: rows";
    }

    @GetMapping("/{datasetId}/export")
    void export(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String search,
            jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        DatasetDownloads.rows(
                datasets, workspace, datasetId, new RowQuery(0, RowQuery.MAX_LIMIT, sort, filter, search), response);
    }

    @GetMapping("/{datasetId}/versions/{versionId}/rejected")
    void rejected(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @PathVariable UUID versionId,
            jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        DatasetDownloads.rejected(datasets, workspace, datasetId, versionId, response);
    }

    @PostMapping("/{datasetId}/rules")
    String saveRules(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam String rules,
            RedirectAttributes redirect) {
        try {
            datasets.saveRules(workspace, datasetId, json.readValue(rules, RULES));
            redirect.addFlashAttribute("info", "Saved the rules; the current version is being processed again.");
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        } catch (tools.jackson.core.JacksonException malformed) {
            redirect.addFlashAttribute("error", "The rules are not valid JSON: " + malformed.getOriginalMessage());
        }
        return "redirect:/w/" + workspace.slug() + "/datasets/" + datasetId + "#rules";
    }

    /**
     * The rules form saves here, with the session's CSRF token: the same contract as {@code PUT …/rules} in the API,
     * 202 with the re-processing execution, or a problem detail that the form shows next to itself. No
     * consumes/produces condition: the workspace check must answer (404, 403) before the body's type is looked at.
     */
    @PutMapping("/{datasetId}/rules")
    @ResponseBody
    ResponseEntity<?> putRules(
            CurrentWorkspace workspace, @PathVariable UUID datasetId, @RequestBody List<ValidationRule> rules) {
        try {
            var reprocessing = datasets.saveRules(workspace, datasetId, rules);
            return reprocessing == null
                    ? ResponseEntity.noContent().build()
                    : ResponseEntity.accepted().body(reprocessing);
        } catch (ErrorResponseException invalid) {
            return ResponseEntity.status(invalid.getStatusCode()).body(invalid.getBody());
        }
    }

    /** Only the rules form sends a body to this controller; one that cannot be read is answered as the API would. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    @ResponseBody
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, "The rules could not be read: each needs a known type and action."));
    }

    /** The cleaning form: one row of choices per column, plus deduplication. */
    @PostMapping("/{datasetId}/cleaning")
    String clean(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam org.springframework.util.MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        var trim = new java.util.ArrayList<String>();
        var dates = new java.util.ArrayList<String>();
        var cases = new java.util.ArrayList<CleaningSpec.CaseChange>();
        var fills = new java.util.ArrayList<CleaningSpec.Fill>();
        for (var column : form.getOrDefault("column", List.of())) {
            if (form.containsKey("trim:" + column)) {
                trim.add(column);
            }
            if (form.containsKey("date:" + column)) {
                dates.add(column);
            }
            var change = form.getFirst("case:" + column);
            if (change != null && !change.isBlank()) {
                cases.add(new CleaningSpec.CaseChange(column, change));
            }
            var strategy = form.getFirst("fill:" + column);
            if (strategy != null && !strategy.isBlank()) {
                fills.add(new CleaningSpec.Fill(column, strategy, form.getFirst("value:" + column)));
            }
        }
        var dedup = form.getFirst("dedup");
        CleaningSpec.Deduplicate deduplicate = null;
        if ("exact".equals(dedup)) {
            deduplicate = new CleaningSpec.Deduplicate(List.of(), form.getFirst("keep"));
        } else if ("key".equals(dedup)) {
            var key = java.util.Arrays.stream(
                            String.valueOf(form.getFirst("key")).split(","))
                    .map(String::strip)
                    .filter(k -> !k.isEmpty())
                    .toList();
            deduplicate = new CleaningSpec.Deduplicate(key, form.getFirst("keep"));
        }
        try {
            var executionId =
                    datasets.clean(workspace, datasetId, new CleaningSpec(trim, cases, dates, fills, deduplicate));
            redirect.addFlashAttribute("info", "Cleaning started; the cleaned rows become a new version.");
            return "redirect:/w/" + workspace.slug() + "/executions/" + executionId;
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
            return "redirect:/w/" + workspace.slug() + "/datasets/" + datasetId + "#clean";
        }
    }

    @PostMapping("/{datasetId}/columns/role")
    String setRole(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam String column,
            @RequestParam ColumnRole role,
            RedirectAttributes redirect) {
        try {
            datasets.setRole(workspace, datasetId, column, role);
            redirect.addFlashAttribute("info", "Column '" + column + "' is now " + role + "; re-processing.");
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        }
        return "redirect:/w/" + workspace.slug() + "/datasets/" + datasetId + "#schema";
    }

    @PostMapping("/{datasetId}/versions/{versionId}/current")
    String makeCurrent(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @PathVariable UUID versionId,
            RedirectAttributes redirect) {
        try {
            var version = datasets.makeCurrent(workspace, datasetId, versionId);
            redirect.addFlashAttribute("info", "Version " + version.number() + " is current again.");
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        }
        return "redirect:/w/" + workspace.slug() + "/datasets/" + datasetId;
    }
}
