package io.gureum.ec2.images;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One criterion of the Allowed AMIs settings
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html): an image meets it when it
 * meets every parameter given; an image is allowed when it meets any criterion (or the account owns it).
 */
public final class ImageCriterion {
    public List<String> imageProviders = new ArrayList<>();
    public List<String> marketplaceProductCodes = new ArrayList<>();
    public List<String> imageNames = new ArrayList<>();
    public Integer maximumDaysSinceDeprecated;
    public Integer maximumDaysSinceCreated;

    /** Whether the image, seen by {@code account} at {@code now}, meets this criterion. */
    public boolean allows(Image i, String account, Instant now) {
        if (!imageProviders.isEmpty() && !imageProviders.stream().anyMatch(p -> provides(p, i, account))) {
            return false;
        }
        // No image here carries a Marketplace product code.
        if (!marketplaceProductCodes.isEmpty()) {
            return false;
        }
        if (!imageNames.isEmpty() && (i.name == null || imageNames.stream().noneMatch(n -> glob(n).matcher(i.name)
                .matches()))) {
            return false;
        }
        if (maximumDaysSinceCreated != null && (i.creationDate == null
                || i.creationDate.plus(Duration.ofDays(maximumDaysSinceCreated)).isBefore(now))) {
            return false;
        }
        return maximumDaysSinceDeprecated == null || !i.deprecated(now)
                || !i.deprecationTime.plus(Duration.ofDays(maximumDaysSinceDeprecated)).isBefore(now);
    }

    private static boolean provides(String provider, Image i, String account) {
        return switch (provider) {
            case "amazon", "aws-marketplace", "aws-backup-vault" -> provider.equals(i.ownerAlias);
            case "none" -> i.ownerId.equals(account);
            default -> provider.equals(i.ownerId);
        };
    }

    /** An image name pattern: {@code *} any run of characters, {@code ?} one character. */
    static Pattern glob(String pattern) {
        StringBuilder b = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString());
    }
}
