/**
 * Departments: the first tenant-owned records, a tree of units inside one organization. A parent
 * is always a department of the same organization, which the database enforces with a composite
 * foreign key on (org_id, parent_id).
 */
package io.orgbase.department;
