package io.orgbase.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RolePermissionsTest {

    @Test
    void ownersMayDoEverything() {
        assertThat(RolePermissions.of(Role.OWNER)).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Permission.class));
    }

    @Test
    void adminsManageButDoNotDeleteTheOrganization() {
        assertThat(RolePermissions.grants(Role.ADMIN, Permission.MEMBERS_WRITE)).isTrue();
        assertThat(RolePermissions.grants(Role.ADMIN, Permission.DEPARTMENTS_WRITE))
                .isTrue();
        assertThat(RolePermissions.grants(Role.ADMIN, Permission.ORGANIZATION_WRITE))
                .isTrue();
        assertThat(RolePermissions.grants(Role.ADMIN, Permission.ORGANIZATION_DELETE))
                .isFalse();
    }

    @Test
    void membersOnlyRead() {
        assertThat(RolePermissions.of(Role.MEMBER))
                .allSatisfy(permission -> assertThat(permission.key()).endsWith(":read"));
    }

    @Test
    void noRoleGrantsNothing() {
        for (Permission permission : Permission.values()) {
            assertThat(RolePermissions.grants(null, permission)).isFalse();
        }
    }
}
