package io.orgbase.maintenance.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.maintenance.MaintenanceTask;
import io.orgbase.maintenance.control.MaintenanceRuns;
import io.orgbase.maintenance.control.MaintenanceRuns.Run;
import io.orgbase.maintenance.control.MaintenanceSchedule;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Platform administrators' view of maintenance: each task with its schedule and latest run, the
 * runs (newest first), and a run started now (audited in the platform's trail).
 */
@Stateless
@Audited
public class PlatformMaintenance {

    private static final Set<String> STATUSES = Set.of("queued", "running", "completed", "failed");

    /** Most runs one list shows. */
    public static final int MAX_RUNS = 200;

    @Inject
    MaintenanceRuns runs;

    @EJB
    MaintenanceSchedule schedule;

    @Inject
    AuditTrail trail;

    /** A task: what it removes, when it runs, how its latest run went. */
    public record Task(String key, String description, String schedule, Run lastRun) {}

    @PlatformAdminOnly("watch maintenance")
    public List<Task> tasks(Caller caller) {
        return Arrays.stream(MaintenanceTask.values())
                .map(task -> new Task(
                        task.key(),
                        task.description(),
                        task.schedule(),
                        runs.latest(task).orElse(null)))
                .toList();
    }

    /** @throws InvalidInput for an unknown task or status */
    @PlatformAdminOnly("watch maintenance")
    public List<Run> runs(Caller caller, String task, String status, int limit) {
        if (task != null && MaintenanceTask.of(task).isEmpty()) {
            throw InvalidInput.field("task", "must be one of: " + keys());
        }
        if (status != null && !STATUSES.contains(status)) {
            throw InvalidInput.field("status", "must be queued, running, completed or failed");
        }
        return runs.list(task, status, Math.max(1, Math.min(MAX_RUNS, limit)));
    }

    /** @throws NotFound when there is no such run */
    @PlatformAdminOnly("watch maintenance")
    public Run run(Caller caller, UUID id) {
        return runs.get(id).orElseThrow(() -> new NotFound("No maintenance run has this id."));
    }

    /**
     * Starts a run of the task now, outside its schedule.
     *
     * @throws NotFound when there is no such task
     * @throws Conflict when a run of the task is queued or running
     */
    @PlatformAdminOnly("run maintenance")
    public Run start(Caller caller, String key) {
        MaintenanceTask task =
                MaintenanceTask.of(key).orElseThrow(() -> new NotFound("No maintenance task is named " + key + "."));
        UUID id = schedule.launch(task, OffsetDateTime.now(ZoneOffset.UTC), "operator", caller.userId())
                .orElseThrow(() -> new Conflict("A run of " + key + " is queued or running; wait for it to end."));
        trail.record("maintenance-started", "maintenance-run", id, Map.of("task", key));
        return runs.get(id).orElseThrow();
    }

    private static String keys() {
        return String.join(
                ", ",
                Arrays.stream(MaintenanceTask.values())
                        .map(MaintenanceTask::key)
                        .toList());
    }
}
