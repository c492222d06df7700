package io.orgbase.bench.floor;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A department by id with no authentication, no tenant resolution, no EJB and no ORM: a transaction
 * on a pooled connection, the tenant set for the row policies, the same SELECT Orgbase sends,
 * commit, and the row as JSON through JSON-B. What Orgbase adds on top of this is its own work.
 */
@ApplicationScoped
@Path("orgs/{org}/departments/{id}")
public class FloorResource {

    /** The department as Orgbase's item answer carries it. */
    public record Department(
            UUID id,
            String name,
            String code,
            UUID parentId,
            String description,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version) {}

    @Resource(lookup = "java:app/jdbc/floor")
    DataSource dataSource;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Department get(@PathParam("org") UUID org, @PathParam("id") UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement tenant =
                        connection.prepareStatement("select set_config('orgbase.org_id', ?, true)")) {
                    tenant.setString(1, org.toString());
                    tenant.executeQuery().close();
                }
                Department found = null;
                try (PreparedStatement query = connection.prepareStatement(
                        "select id, name, code, parent_id,"
                                + " description, created_at, updated_at, version from department where id = ? and org_id = ?")) {
                    query.setObject(1, id);
                    query.setObject(2, org);
                    try (ResultSet rs = query.executeQuery()) {
                        if (rs.next()) {
                            found = new Department(
                                    rs.getObject(1, UUID.class),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getObject(4, UUID.class),
                                    rs.getString(5),
                                    rs.getObject(6, OffsetDateTime.class),
                                    rs.getObject(7, OffsetDateTime.class),
                                    rs.getLong(8));
                        }
                    }
                }
                connection.commit();
                if (found == null) {
                    throw new NotFoundException();
                }
                return found;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
