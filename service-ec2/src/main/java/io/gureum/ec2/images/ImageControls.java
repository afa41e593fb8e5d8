package io.gureum.ec2.images;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DisableImageBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageDeregistrationProtectionRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageDeregistrationProtectionResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageDeregistrationProtectionRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageDeregistrationProtectionResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageResponse;
import software.amazon.awssdk.services.ec2.model.GetImageAncestryRequest;
import software.amazon.awssdk.services.ec2.model.GetImageAncestryResponse;
import software.amazon.awssdk.services.ec2.model.GetImageBlockPublicAccessStateRequest;
import software.amazon.awssdk.services.ec2.model.GetImageBlockPublicAccessStateResponse;
import software.amazon.awssdk.services.ec2.model.ImageAncestryEntry;

/**
 * What an AMI's owner controls besides its attributes: block public access for AMIs
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html), deprecation
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html), deregistration protection
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deregistration-protection.html), disabling
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/disable-an-ami.html) and ancestry.
 */
public final class ImageControls {
    /** How long deregistration protection enabled WithCooldown lasts after it is disabled. */
    static final Duration COOLDOWN = Duration.ofHours(24);
    /** DeprecateAt's upper limit: 10 years from now (2 years from creation for a public AMI). */
    private static final int MAX_YEARS = 10;
    private static final int MAX_PUBLIC_YEARS = 2;

    private final Compute compute;
    private final Images images;

    public ImageControls(Compute compute, Images images) {
        this.compute = compute;
        this.images = images;
    }

    public EnableImageBlockPublicAccessResponse enableImageBlockPublicAccess(EnableImageBlockPublicAccessRequest r) {
        ComputeStore s = compute.store();
        String state = r.imageBlockPublicAccessStateAsString();
        if (state == null) {
            throw Ec2Errors.missing("ImageBlockPublicAccessState");
        }
        if (!state.equals("block-new-sharing")) {
            throw Ec2Errors.invalidValue(state, "ImageBlockPublicAccessState", "Valid value is block-new-sharing.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.imageBlockPublicAccess = state;
        return EnableImageBlockPublicAccessResponse.builder().imageBlockPublicAccessState(state).build();
    }

    public DisableImageBlockPublicAccessResponse disableImageBlockPublicAccess(DisableImageBlockPublicAccessRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        s.imageBlockPublicAccess = "unblocked";
        return DisableImageBlockPublicAccessResponse.builder().imageBlockPublicAccessState("unblocked").build();
    }

    public GetImageBlockPublicAccessStateResponse getImageBlockPublicAccessState(
            GetImageBlockPublicAccessStateRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        return GetImageBlockPublicAccessStateResponse.builder().imageBlockPublicAccessState(s.imageBlockPublicAccess)
                .managedBy("account").build();
    }

    public EnableImageDeprecationResponse enableImageDeprecation(EnableImageDeprecationRequest r) {
        ComputeStore s = compute.store();
        Image i = images.owned(s, r.imageId());
        if (r.deprecateAt() == null) {
            throw Ec2Errors.missing("DeprecateAt");
        }
        Instant now = compute.now();
        // Seconds are rounded to the nearest minute.
        Instant at = r.deprecateAt().plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
        if (at.isBefore(now)) {
            throw Ec2Errors.invalidParameterValue("The deprecation time (" + ImageViews.time(at)
                    + ") can't be in the past.");
        }
        Instant limit = i.isPublic
                ? i.creationDate.atZone(java.time.ZoneOffset.UTC).plusYears(MAX_PUBLIC_YEARS).toInstant()
                : now.atZone(java.time.ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant();
        if (at.isAfter(limit)) {
            throw Ec2Errors.invalidParameterValue("The deprecation time (" + ImageViews.time(at) + ") can't be more "
                    + "than " + (i.isPublic ? MAX_PUBLIC_YEARS + " years after the creation date of a public AMI."
                            : MAX_YEARS + " years from now."));
        }
        Ec2Errors.checkDryRun(r.dryRun());
        i.deprecationTime = at;
        return EnableImageDeprecationResponse.builder().returnValue(true).build();
    }

    public DisableImageDeprecationResponse disableImageDeprecation(DisableImageDeprecationRequest r) {
        ComputeStore s = compute.store();
        Image i = images.owned(s, r.imageId());
        Ec2Errors.checkDryRun(r.dryRun());
        i.deprecationTime = null;
        return DisableImageDeprecationResponse.builder().returnValue(true).build();
    }

    public EnableImageDeregistrationProtectionResponse enableImageDeregistrationProtection(
            EnableImageDeregistrationProtectionRequest r) {
        ComputeStore s = compute.store();
        Image i = images.owned(s, r.imageId());
        Ec2Errors.checkDryRun(r.dryRun());
        i.deregistrationProtection = true;
        i.deregistrationCooldown = Boolean.TRUE.equals(r.withCooldown());
        i.protectedUntil = null;
        return EnableImageDeregistrationProtectionResponse.builder().returnValue("true").build();
    }

    /** With a cooldown, the AMI stays protected for 24 hours after protection is disabled. */
    public DisableImageDeregistrationProtectionResponse disableImageDeregistrationProtection(
            DisableImageDeregistrationProtectionRequest r) {
        ComputeStore s = compute.store();
        Image i = images.owned(s, r.imageId());
        Ec2Errors.checkDryRun(r.dryRun());
        if (i.deregistrationProtection && i.deregistrationCooldown) {
            i.protectedUntil = compute.now().plus(COOLDOWN);
        }
        i.deregistrationProtection = false;
        i.deregistrationCooldown = false;
        return DisableImageDeregistrationProtectionResponse.builder().returnValue("true").build();
    }

    /** Disabling makes the AMI private: every launch permission is removed, and EnableImage does not restore them. */
    public DisableImageResponse disableImage(DisableImageRequest r) {
        ComputeStore s = compute.store();
        Image i = images.owned(s, r.imageId());
        if (i.disabled) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The image " + i.id + " is already disabled.");
        }
        if (!i.state(compute.now()).equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The image " + i.id + " is not in the available state.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        i.disabled = true;
        i.isPublic = false;
        i.launchUserIds.clear();
        return DisableImageResponse.builder().returnValue(true).build();
    }

    public EnableImageResponse enableImage(EnableImageRequest r) {
        ComputeStore s = compute.store();
        Image i = images.owned(s, r.imageId());
        if (!i.disabled) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The image " + i.id + " is not disabled.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        i.disabled = false;
        return EnableImageResponse.builder().returnValue(true).build();
    }

    /**
     * The AMI, then the AMI it was copied from, and so on back to the first (an AMI registered or made by
     * CreateImage has no source); a source deregistered since ends the chain with its ID alone.
     */
    public GetImageAncestryResponse getImageAncestry(GetImageAncestryRequest r) {
        ComputeStore s = compute.store();
        Image i = images.require(s.region, s.account, r.imageId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<ImageAncestryEntry> chain = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Image at = i;
        while (at != null && seen.add(at.id)) {
            chain.add(ImageAncestryEntry.builder().imageId(at.id).creationDate(at.creationDate)
                    .imageOwnerAlias(at.ownerAlias).sourceImageId(at.sourceImageId)
                    .sourceImageRegion(at.sourceImageRegion).build());
            if (at.sourceImageId == null) {
                break;
            }
            Image source = compute.images(at.sourceImageRegion).image(at.sourceImageId);
            if (source == null) {
                chain.add(ImageAncestryEntry.builder().imageId(at.sourceImageId).build());
            }
            at = source;
        }
        return GetImageAncestryResponse.builder().imageAncestryEntries(chain).build();
    }
}
