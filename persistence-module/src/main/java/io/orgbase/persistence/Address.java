package io.orgbase.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/**
 * A postal address, held by its owner (an organization's primary address, a contact's addresses)
 * rather than as a row of its own. {@code country} is ISO 3166-1 alpha-2; latitude and longitude
 * are degrees. The owning table's columns are named {@code <prefix>line1}, ... by the owner's
 * attribute overrides.
 */
@Embeddable
public class Address {

    @Column(name = "line1")
    private String line1;

    @Column(name = "line2")
    private String line2;

    @Column(name = "city")
    private String city;

    @Column(name = "region")
    private String region;

    @Column(name = "postal_code")
    private String postalCode;

    @Column(name = "country")
    private String country;

    @Column(name = "latitude")
    private BigDecimal latitude;

    @Column(name = "longitude")
    private BigDecimal longitude;

    protected Address() {}

    public Address(
            String line1,
            String line2,
            String city,
            String region,
            String postalCode,
            String country,
            BigDecimal latitude,
            BigDecimal longitude) {
        this.line1 = line1;
        this.line2 = line2;
        this.city = city;
        this.region = region;
        this.postalCode = postalCode;
        this.country = country;
        this.latitude = latitude;
        this.longitude = longitude;
    }

    public String getLine1() {
        return line1;
    }

    public String getLine2() {
        return line2;
    }

    public String getCity() {
        return city;
    }

    public String getRegion() {
        return region;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public String getCountry() {
        return country;
    }

    public BigDecimal getLatitude() {
        return latitude;
    }

    public BigDecimal getLongitude() {
        return longitude;
    }

    /** All fields empty: how JPA loads an embedded address whose columns are all NULL. */
    public boolean isEmpty() {
        return line1 == null
                && line2 == null
                && city == null
                && region == null
                && postalCode == null
                && country == null
                && latitude == null
                && longitude == null;
    }
}
