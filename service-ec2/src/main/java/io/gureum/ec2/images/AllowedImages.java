package io.gureum.ec2.images;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreationDateCondition;
import software.amazon.awssdk.services.ec2.model.DeprecationTimeCondition;
import software.amazon.awssdk.services.ec2.model.DisableAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.DisableAllowedImagesSettingsResponse;
import software.amazon.awssdk.services.ec2.model.EnableAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.EnableAllowedImagesSettingsResponse;
import software.amazon.awssdk.services.ec2.model.GetAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.GetAllowedImagesSettingsResponse;
import software.amazon.awssdk.services.ec2.model.ImageCriterionRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceImageCriteriaInAllowedImagesSettingsRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceImageCriteriaInAllowedImagesSettingsResponse;

/**
 * Allowed AMIs (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html): per account and
 * Region, criteria that public and shared AMIs must meet. {@code enabled}: AMIs that meet none are neither
 * discoverable nor usable (DescribeImages leaves them out; by ID, and for RunInstances, they do not exist).
 * {@code audit-mode}: nothing is restricted; DescribeImages says of each AMI whether it is allowed. The
 * account's own AMIs are always allowed.
 */
public final class AllowedImages {
    /** Limits from ImageCriterionRequest's documentation. */
    private static final int MAX_CRITERIA = 10;
    private static final int MAX_PROVIDERS = 200;
    private static final int MAX_NAMES = 50;
    private static final int MAX_CODES = 50;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9()\\[\\] ./\\-'@_*?]{1,128}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,25}");
    private static final Pattern PROVIDER = Pattern.compile("amazon|aws-marketplace|aws-backup-vault|none|\\d{12}");

    private final Compute compute;

    public AllowedImages(Compute compute) {
        this.compute = compute;
    }

    /** Whether {@code s}'s account would be allowed the image by its criteria (its own images always are). */
    public static boolean allowed(ComputeStore s, Image i, Instant now) {
        if (i.ownerId.equals(s.account)) {
            return true;
        }
        for (ImageCriterion c : s.imageCriteria) {
            if (c.allows(i, s.account, now)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the settings hide the image from {@code s}'s account (enabled, and not allowed). */
    public static boolean hidden(ComputeStore s, Image i, Instant now) {
        return s.allowedImagesState.equals("enabled") && !allowed(s, i, now);
    }

    public EnableAllowedImagesSettingsResponse enableAllowedImagesSettings(EnableAllowedImagesSettingsRequest r) {
        ComputeStore s = compute.store();
        String state = r.allowedImagesSettingsStateAsString();
        if (state == null) {
            throw Ec2Errors.missing("AllowedImagesSettingsState");
        }
        if (!state.equals("enabled") && !state.equals("audit-mode")) {
            throw Ec2Errors.invalidValue(state, "AllowedImagesSettingsState", "Valid values are enabled and audit-mode.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.allowedImagesState = state;
        return EnableAllowedImagesSettingsResponse.builder().allowedImagesSettingsState(state).build();
    }

    /** Disabling keeps the criteria: enabling again applies them. */
    public DisableAllowedImagesSettingsResponse disableAllowedImagesSettings(DisableAllowedImagesSettingsRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        s.allowedImagesState = "disabled";
        return DisableAllowedImagesSettingsResponse.builder().allowedImagesSettingsState("disabled").build();
    }

    public GetAllowedImagesSettingsResponse getAllowedImagesSettings(GetAllowedImagesSettingsRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<software.amazon.awssdk.services.ec2.model.ImageCriterion> out = new ArrayList<>();
        for (ImageCriterion c : s.imageCriteria) {
            var b = software.amazon.awssdk.services.ec2.model.ImageCriterion.builder();
            if (!c.imageProviders.isEmpty()) {
                b.imageProviders(c.imageProviders);
            }
            if (!c.marketplaceProductCodes.isEmpty()) {
                b.marketplaceProductCodes(c.marketplaceProductCodes);
            }
            if (!c.imageNames.isEmpty()) {
                b.imageNames(c.imageNames);
            }
            if (c.maximumDaysSinceDeprecated != null) {
                b.deprecationTimeCondition(DeprecationTimeCondition.builder()
                        .maximumDaysSinceDeprecated(c.maximumDaysSinceDeprecated).build());
            }
            if (c.maximumDaysSinceCreated != null) {
                b.creationDateCondition(CreationDateCondition.builder()
                        .maximumDaysSinceCreated(c.maximumDaysSinceCreated).build());
            }
            out.add(b.build());
        }
        var b = GetAllowedImagesSettingsResponse.builder().state(s.allowedImagesState).managedBy("account");
        if (!out.isEmpty()) {
            b.imageCriteria(out);
        }
        return b.build();
    }

    /** Replaces every criterion; none given leaves none (then only the account's own AMIs are allowed). */
    public ReplaceImageCriteriaInAllowedImagesSettingsResponse replaceImageCriteriaInAllowedImagesSettings(
            ReplaceImageCriteriaInAllowedImagesSettingsRequest r) {
        ComputeStore s = compute.store();
        List<ImageCriterionRequest> given = r.hasImageCriteria() ? r.imageCriteria() : List.of();
        if (given.size() > MAX_CRITERIA) {
            throw Ec2Errors.invalidParameterValue("You can specify up to " + MAX_CRITERIA + " image criteria.");
        }
        List<ImageCriterion> criteria = new ArrayList<>();
        for (ImageCriterionRequest c : given) {
            criteria.add(criterion(c));
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.imageCriteria.clear();
        s.imageCriteria.addAll(criteria);
        return ReplaceImageCriteriaInAllowedImagesSettingsResponse.builder().returnValue(true).build();
    }

    private static ImageCriterion criterion(ImageCriterionRequest c) {
        ImageCriterion out = new ImageCriterion();
        if (c.hasImageProviders()) {
            out.imageProviders.addAll(c.imageProviders());
        }
        if (c.hasMarketplaceProductCodes()) {
            out.marketplaceProductCodes.addAll(c.marketplaceProductCodes());
        }
        if (c.hasImageNames()) {
            out.imageNames.addAll(c.imageNames());
        }
        if (out.imageProviders.size() > MAX_PROVIDERS || out.imageNames.size() > MAX_NAMES
                || out.marketplaceProductCodes.size() > MAX_CODES) {
            throw Ec2Errors.invalidParameterValue("An image criterion allows up to " + MAX_PROVIDERS
                    + " image providers, " + MAX_NAMES + " image names and " + MAX_CODES + " product codes.");
        }
        for (String p : out.imageProviders) {
            if (!PROVIDER.matcher(p).matches()) {
                throw Ec2Errors.invalidValue(p, "ImageProvider", "Valid values are amazon, aws-marketplace, "
                        + "aws-backup-vault, none and 12-digit account IDs.");
            }
        }
        if (out.imageProviders.contains("none") && out.imageProviders.size() > 1) {
            throw Ec2Errors.combination("When the image provider none is specified, no other image provider can be "
                    + "specified.");
        }
        for (String n : out.imageNames) {
            if (!NAME.matcher(n).matches() || (n.contains("?") && n.length() < 3)) {
                throw Ec2Errors.invalidValue(n, "ImageName", "Image names are 1-128 characters (3 or more with ?) of "
                        + "letters, numbers, spaces and ( ) [ ] . / - ' @ _ * ?.");
            }
        }
        for (String code : out.marketplaceProductCodes) {
            if (!CODE.matcher(code).matches()) {
                throw Ec2Errors.invalidValue(code, "MarketplaceProductCode", "Product codes are 1-25 letters and "
                        + "numbers.");
            }
        }
        if (c.deprecationTimeCondition() != null) {
            out.maximumDaysSinceDeprecated = c.deprecationTimeCondition().maximumDaysSinceDeprecated();
        }
        if (c.creationDateCondition() != null) {
            out.maximumDaysSinceCreated = c.creationDateCondition().maximumDaysSinceCreated();
        }
        return out;
    }
}
