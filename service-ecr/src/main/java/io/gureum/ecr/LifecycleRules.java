package io.gureum.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A lifecycle policy's rules, checked and evaluated as ECR's lifecycle policy documentation describes them
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html): rules in ascending
 * {@code rulePriority}; an image that matches the tag selection of a rule cannot be expired by a rule of lower
 * priority; {@code imageCountMoreThan} keeps the newest {@code countNumber} images of its selection,
 * {@code sinceImagePushed} expires those pushed more than {@code countNumber} days ago; a rule with
 * {@code tagStatus any} must have the highest {@code rulePriority}.
 */
final class LifecycleRules {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Rule(int priority, String tagStatus, List<String> prefixes, List<Pattern> patterns, String countType,
            long countNumber) {
    }

    /** An image a preview expires, with the rule that expires it. */
    record Expiry(Image image, int priority) {
    }

    /** The outcome of the latest StartLifecyclePolicyPreview of a repository. */
    record Preview(String policyText, List<Expiry> expiring) {
    }

    private LifecycleRules() {
    }

    /** The policy's rules; InvalidParameterException naming what is wrong. */
    static List<Rule> parse(String text) {
        JsonNode policy;
        try {
            policy = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw invalid("Invalid JSON syntax");
        }
        if (policy == null || !policy.path("rules").isArray() || policy.path("rules").isEmpty()) {
            throw invalid("Lifecycle policy validation failure: object has missing required properties ([\"rules\"])");
        }
        List<Rule> rules = new ArrayList<>();
        Set<Integer> priorities = new HashSet<>();
        for (JsonNode r : policy.get("rules")) {
            JsonNode s = r.path("selection");
            if (!r.path("rulePriority").canConvertToInt() || r.path("rulePriority").asInt() < 1) {
                throw invalid("Lifecycle policy validation failure: rulePriority must be an integer of 1 or more");
            }
            int priority = r.get("rulePriority").asInt();
            if (!priorities.add(priority)) {
                throw invalid("Lifecycle policy validation failure: rulePriority " + priority + " is not unique");
            }
            String tagStatus = s.path("tagStatus").asText("");
            String countType = s.path("countType").asText("");
            long count = s.path("countNumber").asLong(0);
            if (!Set.of("tagged", "untagged", "any").contains(tagStatus)
                    || !Set.of("imageCountMoreThan", "sinceImagePushed").contains(countType) || count < 1
                    || !"expire".equals(r.path("action").path("type").asText())) {
                throw invalid("Lifecycle policy validation failure: each rule needs a selection with tagStatus"
                        + " (tagged, untagged or any), countType (imageCountMoreThan or sinceImagePushed) and"
                        + " countNumber of 1 or more, and an action of type expire");
            }
            if ("sinceImagePushed".equals(countType) != "days".equals(s.path("countUnit").asText(null))) {
                throw invalid("Lifecycle policy validation failure: countUnit days is required with sinceImagePushed"
                        + " and not allowed with imageCountMoreThan");
            }
            List<String> prefixes = new ArrayList<>();
            s.path("tagPrefixList").forEach(p -> prefixes.add(p.asText()));
            List<Pattern> patterns = new ArrayList<>();
            s.path("tagPatternList").forEach(p -> patterns.add(glob(p.asText())));
            if ("tagged".equals(tagStatus) && prefixes.isEmpty() && patterns.isEmpty()) {
                throw invalid("Lifecycle policy validation failure: tagPrefixList or tagPatternList is required when"
                        + " tagStatus is tagged");
            }
            rules.add(new Rule(priority, tagStatus, prefixes, patterns, countType, count));
        }
        rules.sort(Comparator.comparingInt(Rule::priority));
        for (int i = 0; i < rules.size() - 1; i++) {
            if ("any".equals(rules.get(i).tagStatus())) {
                throw invalid("Lifecycle policy validation failure: the rule with tagStatus any must have the highest"
                        + " rulePriority");
            }
        }
        return rules;
    }

    /** The images the rules expire now, in rule order, each image at most once. */
    static List<Expiry> evaluate(List<Rule> rules, List<Image> images, Instant now) {
        Set<Image> claimed = new HashSet<>();
        Map<Image, Integer> expiring = new LinkedHashMap<>();
        for (Rule rule : rules) {
            List<Image> selected = images.stream().filter(i -> !claimed.contains(i) && selects(rule, i))
                    .sorted(Comparator.comparing((Image i) -> i.pushedAt).reversed()).toList();
            claimed.addAll(selected);
            if ("imageCountMoreThan".equals(rule.countType())) {
                selected.stream().skip(rule.countNumber()).forEach(i -> expiring.put(i, rule.priority()));
            } else {
                Instant limit = now.minus(Duration.ofDays(rule.countNumber()));
                selected.stream().filter(i -> i.pushedAt.isBefore(limit))
                        .forEach(i -> expiring.put(i, rule.priority()));
            }
        }
        List<Expiry> out = new ArrayList<>();
        expiring.forEach((i, p) -> out.add(new Expiry(i, p)));
        return out;
    }

    /** Tag selection: every listed prefix (and pattern) must match one of the image's tags. */
    private static boolean selects(Rule rule, Image image) {
        switch (rule.tagStatus()) {
            case "untagged":
                return image.tags.isEmpty();
            case "any":
                return true;
            default:
                return !image.tags.isEmpty()
                        && rule.prefixes().stream().allMatch(p -> image.tags.stream().anyMatch(t -> t.startsWith(p)))
                        && rule.patterns().stream().allMatch(p -> image.tags.stream().anyMatch(t -> p.matcher(t)
                                .matches()));
        }
    }

    /** {@code *} matches any characters; everything else literally. */
    private static Pattern glob(String wildcard) {
        return Pattern.compile(java.util.Arrays.stream(wildcard.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*")));
    }

    private static software.amazon.awssdk.services.ecr.model.InvalidParameterException invalid(String why) {
        return EcrErrors.constraint("LifecyclePolicyText", why);
    }
}
