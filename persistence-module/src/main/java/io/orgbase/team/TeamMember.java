package io.orgbase.team;

import io.orgbase.identity.User;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.persistence.annotations.JoinFetch;
import org.eclipse.persistence.annotations.JoinFetchType;

/** A member's place in a team. */
@Entity
@Table(name = "team_member")
@NamedQuery(
        name = "TeamMember.find",
        query = "select m from TeamMember m where m.teamId = :teamId and m.userId = :userId")
public class TeamMember extends TenantOwnedEntity {

    /** What a member is in a team. */
    public enum TeamRole {
        LEAD,
        MEMBER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Column(name = "team_id", nullable = false, updatable = false)
    private UUID teamId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    /** The role's key, as the database's check constraint spells it. */
    @Column(name = "role", nullable = false)
    private String role;

    /** The member's account, read with the row (one join); written only through {@code userId}. */
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id", insertable = false, updatable = false)
    @JoinFetch(JoinFetchType.INNER)
    private User user;

    protected TeamMember() {}

    public TeamMember(UUID teamId, UUID userId, TeamRole role) {
        this.teamId = teamId;
        this.userId = userId;
        this.role = role.key();
    }

    public UUID getTeamId() {
        return teamId;
    }

    public UUID getUserId() {
        return userId;
    }

    /** Null on a row created in this transaction before it was read back. */
    public User getUser() {
        return user;
    }

    public TeamRole getRole() {
        return TeamRole.valueOf(role.toUpperCase(Locale.ROOT));
    }

    public void setRole(TeamRole role) {
        this.role = role.key();
    }
}
