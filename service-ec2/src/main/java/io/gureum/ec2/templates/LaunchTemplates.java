package io.gureum.ec2.templates;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponseErrorItem;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponseSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateErrorCode;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseError;
import software.amazon.awssdk.services.ec2.model.ValidationWarning;

/**
 * CreateLaunchTemplate, CreateLaunchTemplateVersion, ModifyLaunchTemplate, DescribeLaunchTemplates,
 * DescribeLaunchTemplateVersions, DeleteLaunchTemplate and DeleteLaunchTemplateVersions
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-launch-template-versions.html). Version numbers
 * are never given twice; {@code $Latest} is the highest that exists, {@code $Default} the one
 * ModifyLaunchTemplate chose (1 at first). The default version cannot be deleted.
 */
public final class LaunchTemplates {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");
    private static final Pattern ID = Pattern.compile("lt-[0-9a-f]{17}");
    private static final int MAX_DELETE = 200;

    /** The launch templates of one account and region. */
    private static final class Store {
        final Map<String, LaunchTemplate> byId = new LinkedHashMap<>();
        final Map<String, String> clientTokens = new HashMap<>();
    }

    private final ServiceContext context;
    private final ImageCheck images;
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final Ec2Filters<LaunchTemplate> templateFilters = VersionFilters.templates();
    private final Ec2Filters<VersionFilters.Row> versionFilters = VersionFilters.versions();

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return new RegisteredFamily<>("launch-template", LaunchTemplate.class, stores, s -> s.byId, t -> t.id, s -> s.clientTokens, context.registry());
    }

    public LaunchTemplates(ServiceContext context) {
        this.context = context;
        this.images = new ImageCheck(context);
    }

    public CreateLaunchTemplateResponse createLaunchTemplate(CreateLaunchTemplateRequest r) {
        if (!NAME.matcher(r.launchTemplateName()).matches()) {
            throw TemplateErrors.malformedName();
        }
        TagSpecifications.validate(r.tagSpecifications(), "launch-template");
        ValidationWarning warning = images.warn(r.launchTemplateData());
        Store s = stores.current();
        synchronized (s) {
            if (r.clientToken() != null && s.clientTokens.containsKey(r.clientToken())) {
                LaunchTemplate earlier = s.byId.get(s.clientTokens.get(r.clientToken()));
                if (earlier == null || !earlier.name.equals(r.launchTemplateName())) {
                    throw TemplateErrors.idempotentMismatch();
                }
                return CreateLaunchTemplateResponse.builder().launchTemplate(toSdk(earlier)).build();
            }
            if (byName(s, r.launchTemplateName()) != null) {
                throw TemplateErrors.nameInUse();
            }
            Ec2Errors.checkDryRun(r.dryRun());
            RequestContext ctx = RequestContext.current();
            LaunchTemplate t = new LaunchTemplate(context.ids().next("lt"), ctx.accountId(), ctx.region(),
                    context.clock().now(), r.launchTemplateName(), createdBy(ctx));
            addVersion(t, r.versionDescription(), r.launchTemplateData());
            t.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            t.register(context.registry());
            s.byId.put(t.id, t);
            if (r.clientToken() != null) {
                s.clientTokens.put(r.clientToken(), t.id);
            }
            return CreateLaunchTemplateResponse.builder().launchTemplate(toSdk(t)).warning(warning).build();
        }
    }

    public CreateLaunchTemplateVersionResponse createLaunchTemplateVersion(CreateLaunchTemplateVersionRequest r) {
        ValidationWarning warning = images.warn(r.launchTemplateData());
        Store s = stores.current();
        synchronized (s) {
            LaunchTemplate t = find(s, r.launchTemplateId(), r.launchTemplateName());
            String tokenKey = r.clientToken() == null ? null : t.id + "/" + r.clientToken();
            if (tokenKey != null && s.clientTokens.containsKey(tokenKey)) {
                TemplateVersion earlier = t.versions.get(Long.parseLong(s.clientTokens.get(tokenKey)));
                if (earlier == null) {
                    throw TemplateErrors.idempotentMismatch();
                }
                return CreateLaunchTemplateVersionResponse.builder().launchTemplateVersion(toSdk(t, earlier)).build();
            }
            RequestLaunchTemplateData data = r.launchTemplateData();
            if (r.sourceVersion() != null) {
                data = TemplateData.merge(version(t, r.sourceVersion()).data(), data);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            TemplateVersion v = addVersion(t, r.versionDescription(), data);
            if (tokenKey != null) {
                s.clientTokens.put(tokenKey, Long.toString(v.number()));
            }
            return CreateLaunchTemplateVersionResponse.builder().launchTemplateVersion(toSdk(t, v)).warning(warning)
                    .build();
        }
    }

    public ModifyLaunchTemplateResponse modifyLaunchTemplate(ModifyLaunchTemplateRequest r) {
        Store s = stores.current();
        synchronized (s) {
            LaunchTemplate t = find(s, r.launchTemplateId(), r.launchTemplateName());
            TemplateVersion v = r.defaultVersion() == null ? null : version(t, r.defaultVersion());
            Ec2Errors.checkDryRun(r.dryRun());
            if (v != null) {
                t.defaultVersion = v.number();
            }
            return ModifyLaunchTemplateResponse.builder().launchTemplate(toSdk(t)).build();
        }
    }

    public DescribeLaunchTemplatesResponse describeLaunchTemplates(DescribeLaunchTemplatesRequest r) {
        Store s = stores.current();
        synchronized (s) {
            List<LaunchTemplate> found = new ArrayList<>(s.byId.values());
            if (r.hasLaunchTemplateIds() && !r.launchTemplateIds().isEmpty()) {
                for (String id : new LinkedHashSet<>(r.launchTemplateIds())) {
                    require(s, id);
                }
                found.removeIf(t -> !r.launchTemplateIds().contains(t.id));
            }
            if (r.hasLaunchTemplateNames() && !r.launchTemplateNames().isEmpty()) {
                for (String name : new LinkedHashSet<>(r.launchTemplateNames())) {
                    if (byName(s, name) == null) {
                        throw TemplateErrors.someNameNotFound();
                    }
                }
                found.removeIf(t -> !r.launchTemplateNames().contains(t.name));
            }
            var page = Pagination.page(found.stream().filter(templateFilters.predicate(r.filters())).toList(),
                    r.maxResults(), r.nextToken(), 1, 200);
            Ec2Errors.checkDryRun(r.dryRun());
            return DescribeLaunchTemplatesResponse.builder()
                    .launchTemplates(page.items().stream().map(this::toSdk).toList()).nextToken(page.nextToken()).build();
        }
    }

    /**
     * Without a template, only {@code $Latest} and {@code $Default} may be asked for: they describe that
     * version of every template (API_DescribeLaunchTemplateVersions.html, "LaunchTemplateId").
     */
    public DescribeLaunchTemplateVersionsResponse describeLaunchTemplateVersions(DescribeLaunchTemplateVersionsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            List<VersionFilters.Row> rows = new ArrayList<>();
            List<String> labels = r.hasVersions() ? r.versions() : List.of();
            if (r.launchTemplateId() == null && r.launchTemplateName() == null) {
                if (labels.isEmpty() || labels.stream().anyMatch(v -> !v.equals("$Latest") && !v.equals("$Default"))) {
                    throw Ec2Errors.missing("LaunchTemplateId or LaunchTemplateName");
                }
                for (LaunchTemplate t : s.byId.values()) {
                    for (String label : new LinkedHashSet<>(labels)) {
                        rows.add(new VersionFilters.Row(t, version(t, label)));
                    }
                }
            } else {
                LaunchTemplate t = find(s, r.launchTemplateId(), r.launchTemplateName());
                Long min = r.minVersion() == null ? null : number(t, r.minVersion());
                Long max = r.maxVersion() == null ? null : number(t, r.maxVersion());
                List<TemplateVersion> picked = new ArrayList<>();
                if (!labels.isEmpty()) {
                    for (String label : new LinkedHashSet<>(labels)) {
                        TemplateVersion v = version(t, label);
                        if (!picked.contains(v)) {
                            picked.add(v);
                        }
                    }
                } else {
                    picked.addAll(t.versions.values());
                }
                picked.sort(Comparator.comparingLong(TemplateVersion::number).reversed());
                for (TemplateVersion v : picked) {
                    if ((min == null || v.number() >= min) && (max == null || v.number() <= max)) {
                        rows.add(new VersionFilters.Row(t, v));
                    }
                }
            }
            var page = Pagination.page(rows.stream().filter(versionFilters.predicate(r.filters())).toList(),
                    r.maxResults(), r.nextToken(), 1, 200);
            Ec2Errors.checkDryRun(r.dryRun());
            return DescribeLaunchTemplateVersionsResponse.builder()
                    .launchTemplateVersions(page.items().stream().map(x -> toSdk(x.template(), x.version())).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public DeleteLaunchTemplateResponse deleteLaunchTemplate(DeleteLaunchTemplateRequest r) {
        Store s = stores.current();
        synchronized (s) {
            LaunchTemplate t = find(s, r.launchTemplateId(), r.launchTemplateName());
            Ec2Errors.checkDryRun(r.dryRun());
            s.byId.remove(t.id);
            s.clientTokens.values().removeIf(t.id::equals);
            t.forget();
            return DeleteLaunchTemplateResponse.builder().launchTemplate(toSdk(t)).build();
        }
    }

    /**
     * Deletes what it can and lists the rest with a reason: a version that does not exist, or the default
     * version, which only DeleteLaunchTemplate removes (API_DeleteLaunchTemplateVersions.html).
     */
    public DeleteLaunchTemplateVersionsResponse deleteLaunchTemplateVersions(DeleteLaunchTemplateVersionsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            LaunchTemplate t = find(s, r.launchTemplateId(), r.launchTemplateName());
            if (r.versions().size() > MAX_DELETE) {
                throw Ec2Errors.invalidParameterValue("You can specify up to " + MAX_DELETE
                        + " launch template versions in a single request.");
            }
            Ec2Errors.checkDryRun(r.dryRun());
            List<DeleteLaunchTemplateVersionsResponseSuccessItem> deleted = new ArrayList<>();
            List<DeleteLaunchTemplateVersionsResponseErrorItem> failed = new ArrayList<>();
            for (String label : new LinkedHashSet<>(r.versions())) {
                Long n = parseNumber(label);
                if (n == null || !t.versions.containsKey(n)) {
                    failed.add(failure(t, n, LaunchTemplateErrorCode.LAUNCH_TEMPLATE_VERSION_DOES_NOT_EXIST,
                            "The specified launch template version does not exist."));
                } else if (n == t.defaultVersion) {
                    failed.add(failure(t, n, LaunchTemplateErrorCode.UNEXPECTED_ERROR,
                            "Cannot delete the default version of a launch template."));
                } else {
                    t.versions.remove(n);
                    deleted.add(DeleteLaunchTemplateVersionsResponseSuccessItem.builder().launchTemplateId(t.id)
                            .launchTemplateName(t.name).versionNumber(n).build());
                }
            }
            return DeleteLaunchTemplateVersionsResponse.builder().successfullyDeletedLaunchTemplateVersions(deleted)
                    .unsuccessfullyDeletedLaunchTemplateVersions(failed).build();
        }
    }

    private static DeleteLaunchTemplateVersionsResponseErrorItem failure(LaunchTemplate t, Long n,
            LaunchTemplateErrorCode code, String message) {
        return DeleteLaunchTemplateVersionsResponseErrorItem.builder().launchTemplateId(t.id).launchTemplateName(t.name)
                .versionNumber(n).responseError(ResponseError.builder().code(code).message(message).build()).build();
    }

    private TemplateVersion addVersion(LaunchTemplate t, String description, RequestLaunchTemplateData data) {
        TemplateVersion v = new TemplateVersion(t.nextVersion++, description, context.clock().now(),
                createdBy(RequestContext.current()), data);
        t.versions.put(v.number(), v);
        return v;
    }

    /** The template a request names by ID or by name (exactly one of them). */
    private static LaunchTemplate find(Store s, String id, String name) {
        if (id != null && name != null) {
            throw Ec2Errors.combination("Both LaunchTemplateId and LaunchTemplateName were specified. "
                    + "Specify one or the other, not both.");
        }
        if (id != null) {
            return require(s, id);
        }
        if (name == null) {
            throw Ec2Errors.missing("LaunchTemplateId or LaunchTemplateName");
        }
        LaunchTemplate t = byName(s, name);
        if (t == null) {
            if (!NAME.matcher(name).matches()) {
                throw TemplateErrors.malformedName();
            }
            throw TemplateErrors.nameNotFound(name);
        }
        return t;
    }

    private static LaunchTemplate require(Store s, String id) {
        if (!ID.matcher(id).matches()) {
            throw TemplateErrors.malformedId(id);
        }
        LaunchTemplate t = s.byId.get(id);
        if (t == null) {
            throw TemplateErrors.idNotFound(id);
        }
        return t;
    }

    private static LaunchTemplate byName(Store s, String name) {
        for (LaunchTemplate t : s.byId.values()) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** {@code $Latest}, {@code $Default} or a version number, which must exist. */
    private static TemplateVersion version(LaunchTemplate t, String label) {
        TemplateVersion v = t.versions.get(number(t, label));
        if (v == null) {
            throw TemplateErrors.versionNotFound(label, t.id);
        }
        return v;
    }

    private static long number(LaunchTemplate t, String label) {
        return switch (label) {
            case "$Latest" -> t.latestVersion();
            case "$Default" -> t.defaultVersion;
            default -> {
                Long n = parseNumber(label);
                if (n == null) {
                    throw TemplateErrors.versionNotFound(label, t.id);
                }
                yield n;
            }
        };
    }

    private static Long parseNumber(String label) {
        try {
            long n = Long.parseLong(label);
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String createdBy(RequestContext ctx) {
        String principal = ctx.principal();
        return principal != null && principal.startsWith("arn:") ? principal : "arn:aws:iam::" + ctx.accountId() + ":root";
    }

    private software.amazon.awssdk.services.ec2.model.LaunchTemplate toSdk(LaunchTemplate t) {
        return software.amazon.awssdk.services.ec2.model.LaunchTemplate.builder().launchTemplateId(t.id)
                .launchTemplateName(t.name).createTime(t.created).createdBy(t.createdBy)
                .defaultVersionNumber(t.defaultVersion).latestVersionNumber(t.latestVersion()).tags(t.sdkTags()).build();
    }

    private static LaunchTemplateVersion toSdk(LaunchTemplate t, TemplateVersion v) {
        return LaunchTemplateVersion.builder().launchTemplateId(t.id).launchTemplateName(t.name)
                .versionNumber(v.number()).versionDescription(v.description()).createTime(v.created())
                .createdBy(v.createdBy()).defaultVersion(v.number() == t.defaultVersion)
                .launchTemplateData(TemplateData.toResponse(v.data())).build();
    }
}
