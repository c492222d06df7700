package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.customfield.control.CustomFieldValues;
import io.orgbase.department.Department;
import io.orgbase.department.boundary.DepartmentRequest;
import io.orgbase.department.boundary.Departments;
import io.orgbase.persistence.Ids;
import io.orgbase.persistence.RecordKind;
import io.orgbase.persistence.TreeNode;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Departments by code, with their parent by code, description and head by email. A file may list
 * children before their parents: staged rows are applied level by level, parents first.
 */
@ApplicationScoped
public class DepartmentData implements DataSpec, ExportSpec {

    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("code", "department code", "key"),
            DataColumn.of("name", "department", "department name", "title"),
            DataColumn.of("parentCode", "parent", "parent department", "parent department code"),
            DataColumn.of("description"),
            DataColumn.of("headEmail", "head", "head of department", "manager", "manager email"),
            DataColumn.of(ImportedCustomFields.FIELD, "custom fields"),
            DataColumn.of(ImportedTags.FIELD, "tag"));

    /** What the import takes for an email address (the account's own rules apply when it is used). */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private static final List<String> EXPORTED = List.of(
            "code",
            "name",
            "parentCode",
            "description",
            "headEmail",
            "tags",
            "customFields",
            "id",
            "parentId",
            "depth",
            "createdAt",
            "updatedAt");

    @Inject
    Validator validator;

    @Inject
    Departments departments;

    @Inject
    CustomFieldValues customFields;

    @Override
    public String collection() {
        return "departments";
    }

    @Override
    public Permission writePermission() {
        return Permission.DEPARTMENTS_WRITE;
    }

    @Override
    public List<DataColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Permission readPermission() {
        return Permission.DEPARTMENTS_READ;
    }

    @Override
    public List<String> exportFields() {
        return EXPORTED;
    }

    @Override
    public Map<String, Permission> fieldPermissions() {
        return Map.of("headEmail", Permission.MEMBERS_READ);
    }

    @Override
    public Rows page(Tenant tenant, Connection connection, CollectionRequest request) throws SQLException {
        Slice<Department> slice = departments.list(tenant, request);
        Map<UUID, String> parentCodes = ExportLookups.texts(
                connection,
                "select id, code from department where id = any (?)",
                slice.items(),
                Department::getParentId);
        Map<UUID, String> headEmails = tenant.permits(Permission.MEMBERS_READ)
                ? ExportLookups.texts(connection, ExportLookups.MEMBER_EMAILS, slice.items(), Department::getHeadId)
                : java.util.Collections.emptyMap();
        List<Map<String, Object>> rows = new ArrayList<>(slice.items().size());
        for (Department department : slice.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("code", department.getCode());
            row.put("name", department.getName());
            row.put("parentCode", parentCodes.get(department.getParentId()));
            row.put("description", department.getDescription());
            row.put("headEmail", headEmails.get(department.getHeadId()));
            row.put("tags", ExportOutput.list(department.getTags()));
            row.put("customFields", ExportOutput.document(department.getCustomFields()));
            row.put("id", department.getId());
            row.put("parentId", department.getParentId());
            row.put("depth", department.getDepth());
            row.put("createdAt", department.getCreatedAt());
            row.put("updatedAt", department.getUpdatedAt());
            rows.add(row);
        }
        return new Rows(rows, slice.nextCursor(), slice.total());
    }

    @Override
    public Checked check(Map<String, String> cells, Mode mode) {
        List<RowProblem> problems = new ArrayList<>();
        String code = cells.get("code");
        if (code == null) {
            problems.add(new RowProblem("code", "is required"));
        }
        boolean hasName = cells.containsKey("name");
        String name = cells.get("name");
        if (hasName && name == null || !hasName && mode == Mode.CREATE) {
            problems.add(new RowProblem("name", "is required"));
        }
        DepartmentRequest request =
                new DepartmentRequest(name, code, null, cells.get("description"), null, null, null, null);
        for (ConstraintViolation<DepartmentRequest> violation : validator.validate(request)) {
            problems.add(new RowProblem(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        String parentCode = cells.get("parentCode");
        if (parentCode != null) {
            for (ConstraintViolation<DepartmentRequest> violation :
                    validator.validateValue(DepartmentRequest.class, "code", parentCode)) {
                problems.add(new RowProblem("parentCode", violation.getMessage()));
            }
            if (parentCode.equals(code)) {
                problems.add(new RowProblem("parentCode", "cannot be the department itself"));
            }
        }
        String head = cells.get("headEmail");
        if (head != null && (head.length() > 254 || !head.matches(EMAIL))) {
            problems.add(new RowProblem("headEmail", "must be an email address"));
        }
        ImportedCustomFields.check(cells, problems);
        ImportedTags.check(cells, problems);
        JsonObject fields = StagedFields.of(cells, (field, value) -> field.equals("name") ? value.strip() : value);
        return new Checked(code, parentCode, fields, problems);
    }

    /** A staged row beside the department with its code, its parent, and its head, as they are now. */
    private record Found(
            long rowNo,
            String key,
            JsonObject fields,
            UUID id,
            String name,
            String description,
            UUID parentId,
            UUID headId,
            String path,
            int deepestBelow,
            UUID newParentId,
            Integer newParentDepth,
            String newParentPath,
            boolean parentStaged,
            UUID newHeadId,
            String customFields) {}

    @Override
    public String cycleProblem() {
        return "its parent is itself, or one of its own descendants in the file";
    }

    @Override
    public Applied apply(Tenant tenant, Connection connection, Unit unit) throws SQLException {
        ImportedTags.lockNamed(connection, unit);
        List<Found> rows = find(connection, unit);
        ImportedCustomFields values = new ImportedCustomFields(customFields.definitions(RecordKind.DEPARTMENT));
        Stage stage = new Stage(connection, unit);
        Map<UUID, java.util.Set<String>> tagged = stage.tags.current(
                rows.stream().map(Found::id).filter(Objects::nonNull).toList());
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        for (Found row : rows) {
            List<RowProblem> problems = judge(row, unit);
            String custom = values.values(row.fields(), row.customFields(), problems);
            if (!problems.isEmpty()) {
                stage.fail(row.rowNo(), problems);
                continue;
            }
            List<String> tags = ImportedTags.of(row.fields());
            if (row.id() == null) {
                created++;
                if (!unit.dryRun()) {
                    stage.insert(row, custom, tags);
                }
            } else if (changes(row)
                    || ImportedCustomFields.differ(custom, row.customFields())
                    || ImportedTags.differ(tags, tagged.get(row.id()))) {
                updated++;
                if (!unit.dryRun()) {
                    stage.update(row, custom, tags);
                }
            } else {
                unchanged++;
            }
        }
        long raced = stage.flush();
        return new Applied(created - raced, updated, unchanged, stage.failed());
    }

    private static List<Found> find(Connection connection, Unit unit) throws SQLException {
        List<Found> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select r.row_no, r.key, r.fields::text, d.id, d.name, d.description, d.parent_id, d.head_id, d.path,
                       case when d.id is not null and p.id is distinct from d.parent_id then
                           (select max(s.depth) from department s
                            where s.org_id = ? and s.path >= d.path and s.path < d.path || '~') - d.depth
                       else 0 end,
                       p.id, p.depth, p.path, pr.row_no, h.user_id, d.custom_fields::text
                from data_job_row r
                left join lateral (
                    select d.* from department d where d.org_id = ? and d.code = r.key limit 1) d on true
                left join lateral (
                    select p.id, p.depth, p.path from department p
                    where p.org_id = ? and p.code = r.fields->>'parentCode' limit 1) p on true
                left join lateral (
                    select pr.row_no from data_job_row pr
                    where pr.job_id = r.job_id and pr.key = r.parent_key limit 1) pr on true
                left join lateral (
                    select m.user_id from membership m join app_user u on u.id = m.user_id
                    where m.org_id = ? and u.email = lower(btrim(r.fields->>'headEmail'))
                    limit 1) h on r.fields->>'headEmail' is not null
                where r.job_id = ? and r.level = ? and r.row_no > ? and r.row_no <= ?
                order by r.row_no""")) {
            // every lookup is a lateral subquery with a limit (which keeps the planner from flattening
            // it into a join), so that each is a probe by the row's own key; ImportStatistics keeps
            // the estimates true, so that the probe goes through the key's index. The subtree's depth
            // is looked up only for a department the row moves (a case is evaluated lazily).
            statement.setObject(1, unit.orgId());
            statement.setObject(2, unit.orgId());
            statement.setObject(3, unit.orgId());
            statement.setObject(4, unit.orgId());
            statement.setObject(5, unit.jobId());
            statement.setInt(6, unit.level());
            statement.setLong(7, unit.afterRow());
            statement.setLong(8, unit.lastRow());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(new Found(
                            rs.getLong(1),
                            rs.getString(2),
                            Json.createReader(new java.io.StringReader(rs.getString(3)))
                                    .readObject(),
                            uuid(rs, 4),
                            rs.getString(5),
                            rs.getString(6),
                            uuid(rs, 7),
                            uuid(rs, 8),
                            rs.getString(9),
                            rs.getInt(10),
                            uuid(rs, 11),
                            (Integer) rs.getObject(12),
                            rs.getString(13),
                            rs.getObject(14) != null,
                            uuid(rs, 15),
                            rs.getString(16)));
                }
            }
        }
        return found;
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : Ids.of(value);
    }

    private static List<RowProblem> judge(Found row, Unit unit) {
        List<RowProblem> problems = new ArrayList<>();
        JsonObject fields = row.fields();
        boolean exists = row.id() != null;
        if (exists && unit.mode() == Mode.CREATE) {
            problems.add(new RowProblem("code", "a department with this code exists already"));
        }
        if (!exists && unit.mode() == Mode.UPDATE) {
            problems.add(new RowProblem("code", "no department has this code"));
        }
        if (!exists && !fields.containsKey("name")) {
            problems.add(new RowProblem("name", "is required to create a department"));
        }
        String parentCode = StagedFields.text(fields, "parentCode");
        if (parentCode != null) {
            if (row.newParentId() == null) {
                if (!(unit.dryRun() && row.parentStaged())) {
                    problems.add(new RowProblem("parentCode", "no department has this code"));
                }
            } else {
                int depth = row.newParentDepth() + 1;
                boolean moves = exists && !row.newParentId().equals(row.parentId());
                if (moves && row.newParentPath().startsWith(row.path())) {
                    problems.add(new RowProblem("parentCode", "would place the department below itself"));
                } else if (depth + (exists ? row.deepestBelow() : 0) > TreeNode.MAX_DEPTH) {
                    problems.add(new RowProblem(
                            "parentCode", "the tree would be deeper than " + TreeNode.MAX_DEPTH + " levels"));
                }
            }
        }
        if (StagedFields.text(fields, "headEmail") != null && row.newHeadId() == null) {
            problems.add(new RowProblem("headEmail", "is not a member of the organization"));
        }
        return problems;
    }

    private static boolean changes(Found row) {
        JsonObject fields = row.fields();
        return fields.containsKey("name") && !Objects.equals(StagedFields.text(fields, "name"), row.name())
                || fields.containsKey("description")
                        && !Objects.equals(StagedFields.text(fields, "description"), row.description())
                || fields.containsKey("parentCode") && !Objects.equals(row.newParentId(), row.parentId())
                || fields.containsKey("headEmail") && !Objects.equals(row.newHeadId(), row.headId());
    }

    /** The unit's writes, sent in batches at the end. */
    private static final class Stage {
        private final Connection connection;
        private final Unit unit;
        private final PreparedStatement update;
        private final List<Found> inserted = new ArrayList<>();
        private final RowArrays insertedValues = new RowArrays("uuid", "text", "text", "uuid", "text", "uuid", "text");
        private final List<UUID> insertedIds = new ArrayList<>();
        private final RowFailures failures;
        final ImportedTags tags;

        Stage(Connection connection, Unit unit) throws SQLException {
            this.connection = connection;
            this.unit = unit;
            this.update = connection.prepareStatement(
                    """
                    update department set
                        name = case when ? then ? else name end,
                        description = case when ? then ? else description end,
                        parent_id = case when ? then ? else parent_id end,
                        head_id = case when ? then ? else head_id end,
                        custom_fields = case when ? then ?::jsonb else custom_fields end,
                        updated_at = now(), updated_by = ?, last_job_id = ?, version = version + 1
                    where org_id = ? and id = ?""");
            this.failures = new RowFailures(connection, unit.jobId());
            this.tags = new ImportedTags(connection, unit, RecordKind.DEPARTMENT);
        }

        void insert(Found row, String custom, List<String> names) {
            JsonObject fields = row.fields();
            UUID id = Ids.newId();
            tags.set(id, names);
            insertedIds.add(id);
            insertedValues.add(
                    id,
                    StagedFields.text(fields, "name"),
                    row.key(),
                    row.newParentId(),
                    StagedFields.text(fields, "description"),
                    row.newHeadId(),
                    custom);
            inserted.add(row);
        }

        void update(Found row, String custom, List<String> names) throws SQLException {
            JsonObject fields = row.fields();
            tags.set(row.id(), names);
            update.setBoolean(1, fields.containsKey("name"));
            update.setString(2, StagedFields.text(fields, "name"));
            update.setBoolean(3, fields.containsKey("description"));
            update.setString(4, StagedFields.text(fields, "description"));
            update.setBoolean(5, fields.containsKey("parentCode"));
            update.setObject(6, row.newParentId());
            update.setBoolean(7, fields.containsKey("headEmail"));
            update.setObject(8, row.newHeadId());
            update.setBoolean(9, fields.containsKey(ImportedCustomFields.FIELD));
            update.setString(10, custom);
            update.setObject(11, unit.actorId());
            update.setObject(12, unit.jobId());
            update.setObject(13, unit.orgId());
            update.setObject(14, row.id());
            update.addBatch();
        }

        /** The unit's new departments in one statement, in the file's order: the codes written. */
        private java.util.Set<String> insertAll() throws SQLException {
            java.util.Set<String> written = new java.util.HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(
                    """
                    insert into department (id, org_id, name, code, parent_id, description, head_id, custom_fields,
                        created_at, updated_at, created_by, updated_by, last_job_id)
                    select r.id, ?, r.name, r.code, r.parent_id, r.description, r.head_id, r.custom_fields::jsonb,
                           now(), now(), ?, ?, ?
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::uuid[], ?::text[])
                        with ordinality as r (id, name, code, parent_id, description, head_id, custom_fields, n)
                    order by r.n
                    on conflict (org_id, code) do nothing
                    returning code""")) {
                insert.setObject(1, unit.orgId());
                insert.setObject(2, unit.actorId());
                insert.setObject(3, unit.actorId());
                insert.setObject(4, unit.jobId());
                insertedValues.bind(connection, insert, 5);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        written.add(rs.getString(1));
                    }
                }
            }
            return written;
        }

        void fail(long rowNo, List<RowProblem> problems) throws SQLException {
            failures.add(rowNo, problems);
        }

        long failed() {
            return failures.count();
        }

        /** @return rows another transaction created between the look and the insert (now failures) */
        long flush() throws SQLException {
            long raced = 0;
            if (!inserted.isEmpty()) {
                java.util.Set<String> written = insertAll();
                for (int i = 0; i < inserted.size(); i++) {
                    if (!written.contains(inserted.get(i).key())) {
                        raced++;
                        tags.forget(insertedIds.get(i));
                        failures.add(
                                inserted.get(i).rowNo(),
                                List.of(new RowProblem("code", "a department with this code was created meanwhile")));
                    }
                }
            }
            try (update) {
                update.executeBatch();
            }
            tags.flush();
            failures.flush();
            return raced;
        }
    }
}
