/** Departments of one organization: create, read, change, move within the tree, delete. */
package io.orgbase.department.boundary;
