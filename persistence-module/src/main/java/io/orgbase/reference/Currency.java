package io.orgbase.reference;

import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An ISO 4217 currency; seeded by migration, switched on and off by platform administrators. */
@Entity
@Table(name = "currency")
@NamedQuery(name = "Currency.findByCode", query = "select c from Currency c where c.code = :code")
public class Currency extends BaseEntity {

    @Column(name = "code", nullable = false, updatable = false)
    private String code;

    @Column(name = "numeric_code", updatable = false)
    private String numericCode;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "symbol", nullable = false)
    private String symbol;

    @Column(name = "minor_units", nullable = false)
    private short minorUnits;

    @Column(name = "active", nullable = false)
    private boolean active;

    protected Currency() {}

    public String getCode() {
        return code;
    }

    public String getNumericCode() {
        return numericCode;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSymbol() {
        return symbol;
    }

    public void setSymbol(String symbol) {
        this.symbol = symbol;
    }

    /** Digits after the decimal point (JPY 0, EUR 2, BHD 3). */
    public int getMinorUnits() {
        return minorUnits;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
