package io.gureum.ssm;

/**
 * Parameter tiers (parameter-store-advanced-parameters.html): Standard holds values up to 4 KB and no
 * policies; Advanced up to 8 KB, with policies; Intelligent-Tiering picks Standard unless the value or
 * the policies need Advanced. An advanced parameter never goes back to Standard.
 */
final class Tiers {
    static final String STANDARD = "Standard";
    static final String ADVANCED = "Advanced";
    static final String INTELLIGENT = "Intelligent-Tiering";
    static final int STANDARD_MAX = 4096;
    static final int ADVANCED_MAX = 8192;

    private Tiers() {
    }

    /**
     * The tier a version gets.
     *
     * @param requested the request's Tier, or null (the default tier, Standard)
     * @param existing the parameter's current tier, or null for a new parameter
     */
    static String resolve(String requested, String existing, String value, boolean policies) {
        boolean large = value.length() > STANDARD_MAX;
        String tier;
        if (requested == null) {
            tier = ADVANCED.equals(existing) ? ADVANCED : STANDARD;
        } else if (requested.equals(INTELLIGENT)) {
            tier = large || policies || ADVANCED.equals(existing) ? ADVANCED : STANDARD;
        } else {
            tier = requested;
        }
        if (tier.equals(STANDARD) && ADVANCED.equals(existing)) {
            throw SsmErrors.validation("This parameter uses the advanced-parameter tier. You can't downgrade a parameter"
                    + " from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the"
                    + " advanced parameter and recreate it as a standard parameter.");
        }
        if (tier.equals(STANDARD) && large) {
            throw SsmErrors.validation("Standard tier parameters support a maximum parameter value of 4096 characters."
                    + " To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For"
                    + " more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                    + "parameter-store-advanced-parameters.html");
        }
        if (tier.equals(STANDARD) && policies) {
            throw SsmErrors.validation("Parameter policies are supported only for the advanced-parameter tier. Upgrade"
                    + " the parameter to use the advanced-parameter tier and try again.");
        }
        if (value.length() > ADVANCED_MAX) {
            throw SsmErrors.validation("Advanced tier parameters support a maximum parameter value of 8192 characters.");
        }
        return tier;
    }
}
