package io.orgbase.tenancy;

import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.MappedSuperclass;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * Base of every row owned by one organization. The tenant is never a field a caller can set: it
 * comes from the {@value Tenancy#TENANT_PROPERTY} property of the transaction's EntityManager.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY)
public abstract class TenantOwnedEntity extends BaseEntity {}
