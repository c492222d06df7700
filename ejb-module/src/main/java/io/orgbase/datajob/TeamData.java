package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.customfield.control.CustomFieldValues;
import io.orgbase.persistence.Ids;
import io.orgbase.persistence.RecordKind;
import io.orgbase.team.Team;
import io.orgbase.team.boundary.TeamRequest;
import io.orgbase.team.boundary.Teams;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Teams as a file: by name (unique in an organization whatever its case), with description, tags
 * and custom fields. An import matches names ignoring case, as the API's uniqueness does; a row
 * whose name differs from the team's only in case renames it.
 */
@ApplicationScoped
public class TeamData implements DataSpec, ExportSpec {

    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("name", "team", "team name"),
            DataColumn.of("description"),
            DataColumn.of(ImportedCustomFields.FIELD, "custom fields"),
            DataColumn.of(ImportedTags.FIELD, "tag"));

    private static final List<String> EXPORTED =
            List.of("name", "description", "tags", "customFields", "id", "createdAt", "updatedAt");

    @Inject
    Teams teams;

    @Inject
    Validator validator;

    @Inject
    CustomFieldValues customFields;

    @Override
    public String collection() {
        return "teams";
    }

    @Override
    public Permission readPermission() {
        return Permission.TEAMS_READ;
    }

    @Override
    public Permission writePermission() {
        return Permission.TEAMS_WRITE;
    }

    @Override
    public List<DataColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> exportFields() {
        return EXPORTED;
    }

    @Override
    public Rows page(Tenant tenant, Connection connection, CollectionRequest request) {
        Slice<Team> slice = teams.list(tenant, request);
        List<Map<String, Object>> rows = new ArrayList<>(slice.items().size());
        for (Team team : slice.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", team.getName());
            row.put("description", team.getDescription());
            row.put("tags", ExportOutput.list(team.getTags()));
            row.put("customFields", ExportOutput.document(team.getCustomFields()));
            row.put("id", team.getId());
            row.put("createdAt", team.getCreatedAt());
            row.put("updatedAt", team.getUpdatedAt());
            rows.add(row);
        }
        return new Rows(rows, slice.nextCursor(), slice.total());
    }

    @Override
    public Checked check(Map<String, String> cells, Mode mode) {
        List<RowProblem> problems = new ArrayList<>();
        String name = cells.get("name") == null ? null : cells.get("name").strip();
        if (name == null || name.isEmpty()) {
            problems.add(new RowProblem("name", "is required"));
        }
        TeamRequest request = new TeamRequest(name, cells.get("description"), null, null, null);
        for (ConstraintViolation<TeamRequest> violation : validator.validate(request)) {
            problems.add(new RowProblem(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        ImportedCustomFields.check(cells, problems);
        ImportedTags.check(cells, problems);
        JsonObject fields = StagedFields.of(cells, (field, value) -> field.equals("name") ? value.strip() : value);
        // the key finds a name twice in the file whatever its case, as the organization's index would
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return new Checked(key, null, fields, problems);
    }

    /** A staged row beside the team of that name, as it is now. */
    private record Found(
            long rowNo, JsonObject fields, UUID id, String name, String description, String customFields) {}

    @Override
    public Applied apply(Tenant tenant, Connection connection, Unit unit) throws SQLException {
        ImportedTags.lockNamed(connection, unit);
        ImportedCustomFields values = new ImportedCustomFields(customFields.definitions(RecordKind.TEAM));
        RowFailures failures = new RowFailures(connection, unit.jobId());
        ImportedTags tags = new ImportedTags(connection, unit, RecordKind.TEAM);
        List<Found> found = find(connection, unit);
        Map<UUID, java.util.Set<String>> tagged = tags.current(
                found.stream().map(Found::id).filter(Objects::nonNull).toList());
        List<Found> inserted = new ArrayList<>();
        List<UUID> insertedIds = new ArrayList<>();
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                        """
                        insert into team (id, org_id, name, description, custom_fields, created_at, updated_at,
                            created_by, updated_by, last_job_id)
                        values (?, ?, ?, ?, ?::jsonb, now(), now(), ?, ?, ?)
                        on conflict do nothing""");
                PreparedStatement update = connection.prepareStatement(
                        """
                        update team set name = ?,
                            description = case when ? then ? else description end,
                            custom_fields = case when ? then ?::jsonb else custom_fields end,
                            updated_at = now(), updated_by = ?, last_job_id = ?, version = version + 1
                        where org_id = ? and id = ?""")) {
            for (Found row : found) {
                JsonObject fields = row.fields();
                boolean exists = row.id() != null;
                List<RowProblem> problems = new ArrayList<>();
                if (exists && unit.mode() == Mode.CREATE) {
                    problems.add(new RowProblem("name", "a team with this name exists already"));
                }
                if (!exists && unit.mode() == Mode.UPDATE) {
                    problems.add(new RowProblem("name", "no team has this name"));
                }
                String custom = values.values(fields, row.customFields(), problems);
                List<String> names = ImportedTags.of(fields);
                if (!problems.isEmpty()) {
                    failures.add(row.rowNo(), problems);
                    continue;
                }
                String name = fields.getString("name");
                String description = fields.containsKey("description")
                        ? StagedFields.text(fields, "description")
                        : row.description();
                if (!exists) {
                    created++;
                    if (!unit.dryRun()) {
                        UUID id = Ids.newId();
                        tags.set(id, names);
                        insertedIds.add(id);
                        insert.setObject(1, id);
                        insert.setObject(2, unit.orgId());
                        insert.setString(3, name);
                        insert.setString(4, description);
                        insert.setString(5, custom);
                        insert.setObject(6, unit.actorId());
                        insert.setObject(7, unit.actorId());
                        insert.setObject(8, unit.jobId());
                        insert.addBatch();
                        inserted.add(row);
                    }
                } else if (!name.equals(row.name())
                        || !Objects.equals(description, row.description())
                        || ImportedCustomFields.differ(custom, row.customFields())
                        || ImportedTags.differ(names, tagged.get(row.id()))) {
                    updated++;
                    if (!unit.dryRun()) {
                        tags.set(row.id(), names);
                        update.setString(1, name);
                        update.setBoolean(2, fields.containsKey("description"));
                        update.setString(3, description);
                        update.setBoolean(4, fields.containsKey(ImportedCustomFields.FIELD));
                        update.setString(5, custom);
                        update.setObject(6, unit.actorId());
                        update.setObject(7, unit.jobId());
                        update.setObject(8, unit.orgId());
                        update.setObject(9, row.id());
                        update.addBatch();
                    }
                } else {
                    unchanged++;
                }
            }
            if (!inserted.isEmpty()) {
                int[] counts = insert.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        created--;
                        tags.forget(insertedIds.get(i));
                        failures.add(
                                inserted.get(i).rowNo(),
                                List.of(new RowProblem("name", "a team with this name was created meanwhile")));
                    }
                }
            }
            update.executeBatch();
        }
        tags.flush();
        failures.flush();
        return new Applied(created, updated, unchanged, failures.count());
    }

    private static List<Found> find(Connection connection, Unit unit) throws SQLException {
        List<Found> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select r.row_no, r.fields::text, t.id, t.name, t.description, t.custom_fields::text
                from data_job_row r
                left join lateral (
                    select t.* from team t where t.org_id = ? and t.name_key = lower(r.fields->>'name') limit 1) t
                    on true
                where r.job_id = ? and r.level = ? and r.row_no > ? and r.row_no <= ?
                order by r.row_no""")) {
            statement.setObject(1, unit.orgId());
            statement.setObject(2, unit.jobId());
            statement.setInt(3, unit.level());
            statement.setLong(4, unit.afterRow());
            statement.setLong(5, unit.lastRow());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object id = rs.getObject(3);
                    found.add(new Found(
                            rs.getLong(1),
                            Json.createReader(new StringReader(rs.getString(2))).readObject(),
                            id == null ? null : Ids.of(id),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        return found;
    }
}
