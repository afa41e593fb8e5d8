package io.gureum.iam.policy;

import java.util.List;

/**
 * Every policy that bears on one request, by type, as AWS's evaluation logic takes them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 *
 * @param resourceControlLevels the RCPs of the resource owner's organization, one list per level from the root
 *     down to the account (each level must allow); empty when none apply
 * @param serviceControlLevels the caller's account's SCPs, level by level likewise
 * @param resourcePolicy the resource's own policy, or null
 * @param identity the caller's identity-based policies (null for the root user, who needs none; an empty list
 *     for a principal with no policies)
 * @param boundary the caller's permissions boundary, or null when it has none
 * @param session the session policies of the caller's temporary credentials, or null when none were passed
 * @param crossAccount whether the resource belongs to another account than the caller's: then both the identity
 *     side and the resource policy must allow
 */
public record PolicySet(List<List<NamedPolicy>> resourceControlLevels, List<List<NamedPolicy>> serviceControlLevels,
        NamedPolicy resourcePolicy, List<NamedPolicy> identity, NamedPolicy boundary, List<NamedPolicy> session,
        boolean crossAccount) {
}
