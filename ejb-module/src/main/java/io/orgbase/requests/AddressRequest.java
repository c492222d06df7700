package io.orgbase.requests;

import io.orgbase.persistence.Address;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A postal address as a client sends it: structured lines, an ISO 3166-1 alpha-2 country (required:
 * an address without one cannot be checked or printed) and optional coordinates in degrees.
 */
public record AddressRequest(
        @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @Size(max = 100) String city,
        @Size(max = 100) String region,
        @Size(max = 20) String postalCode,
        @NotNull @Locales.Country String country,
        @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 2, fraction = 6) BigDecimal latitude,
        @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 6) BigDecimal longitude) {

    public Address toAddress() {
        return new Address(
                blankToNull(line1),
                blankToNull(line2),
                blankToNull(city),
                blankToNull(region),
                blankToNull(postalCode),
                country,
                latitude,
                longitude);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
