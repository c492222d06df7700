/**
 * Who may do what inside an organization: the roles a membership carries (here), the permissions
 * they grant and the {@code @RequiresPermission} interceptor binding that checks them on boundary
 * methods after the tenant is set (ejb-module, same package).
 */
package io.orgbase.access;
