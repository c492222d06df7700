package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.team.Team;
import io.orgbase.team.boundary.Teams;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Teams as a file: name, description, tags and custom fields. */
@ApplicationScoped
public class TeamData implements ExportSpec {

    private static final List<String> EXPORTED =
            List.of("name", "description", "tags", "customFields", "id", "createdAt", "updatedAt");

    @Inject
    Teams teams;

    @Override
    public String collection() {
        return "teams";
    }

    @Override
    public Permission readPermission() {
        return Permission.TEAMS_READ;
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
}
