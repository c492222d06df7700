/** REST endpoints of departments, always under one organization. */
package io.orgbase.department.api;
