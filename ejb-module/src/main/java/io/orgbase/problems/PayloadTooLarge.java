package io.orgbase.problems;

/** The request body is larger than Orgbase accepts. */
public class PayloadTooLarge extends DomainException {

    public PayloadTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }

    @Override
    public String kind() {
        return "payload-too-large";
    }
}
