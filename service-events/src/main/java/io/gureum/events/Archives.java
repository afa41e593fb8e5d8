package io.gureum.events;

import io.gureum.events.archive.Archive;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.CreateArchiveRequest;
import software.amazon.awssdk.services.eventbridge.model.CreateArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.DeleteArchiveRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.ListArchivesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListArchivesResponse;
import software.amazon.awssdk.services.eventbridge.model.UpdateArchiveRequest;
import software.amazon.awssdk.services.eventbridge.model.UpdateArchiveResponse;

/**
 * Archives of a bus's events: all of them, or those an EventPattern matches, kept RetentionDays on the
 * clock (0: indefinitely). SizeBytes and EventCount are what the archive holds now
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateArchive.html).
 */
final class Archives {
    private final EventsStores stores;

    Archives(EventsStores stores) {
        this.stores = stores;
    }

    Archive archive(EventsStore s, String name) {
        Archive a = s.archives.get(name);
        if (a == null) {
            throw EventsErrors.notFound("Archive " + name + " does not exist.");
        }
        a.expire(stores.now());
        return a;
    }

    public CreateArchiveResponse createArchive(CreateArchiveRequest request) {
        EventsStore s = stores.current();
        Bus bus = stores.ownBus(request.eventSourceArn());
        if (s.archives.containsKey(request.archiveName())) {
            throw EventsErrors.alreadyExists("Archive " + request.archiveName() + " already exists.");
        }
        Archive a = new Archive(request.archiveName(),
                "arn:aws:events:" + s.region + ":" + s.account + ":archive/" + request.archiveName(), bus.arn,
                stores.now());
        a.description = request.description();
        if (request.eventPattern() != null) {
            a.eventPattern = Rules.pattern(request.eventPattern());
            a.eventPatternText = request.eventPattern();
        }
        a.retentionDays = request.retentionDays() == null ? 0 : request.retentionDays();
        s.archives.put(a.name, a);
        return CreateArchiveResponse.builder().archiveArn(a.arn).state(a.state).creationTime(a.creationTime).build();
    }

    public DescribeArchiveResponse describeArchive(DescribeArchiveRequest request) {
        Archive a = archive(stores.current(), request.archiveName());
        return DescribeArchiveResponse.builder().archiveArn(a.arn).archiveName(a.name).eventSourceArn(a.eventSourceArn)
                .description(a.description).eventPattern(a.eventPatternText).state(a.state)
                .retentionDays(a.retentionDays).sizeBytes(a.sizeBytes()).eventCount(a.eventCount())
                .creationTime(a.creationTime).build();
    }

    public ListArchivesResponse listArchives(ListArchivesRequest request) {
        String prefix = request.namePrefix() == null ? "" : request.namePrefix();
        List<Archive> matching = stores.current().archives.values().stream()
                .filter(a -> a.name.startsWith(prefix))
                .filter(a -> request.eventSourceArn() == null || a.eventSourceArn.equals(request.eventSourceArn()))
                .filter(a -> request.stateAsString() == null || a.state.equals(request.stateAsString())).toList();
        matching.forEach(a -> a.expire(stores.now()));
        Pages.Page<Archive> page = Pages.of("archives", matching, a -> a.name, request.nextToken(), request.limit());
        return ListArchivesResponse.builder().archives(page.items().stream()
                .map(a -> software.amazon.awssdk.services.eventbridge.model.Archive.builder().archiveName(a.name)
                        .eventSourceArn(a.eventSourceArn).state(a.state).retentionDays(a.retentionDays)
                        .sizeBytes(a.sizeBytes()).eventCount(a.eventCount()).creationTime(a.creationTime).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    public UpdateArchiveResponse updateArchive(UpdateArchiveRequest request) {
        Archive a = archive(stores.current(), request.archiveName());
        if (request.eventPattern() != null) {
            a.eventPattern = Rules.pattern(request.eventPattern());
            a.eventPatternText = request.eventPattern();
        }
        if (request.description() != null) {
            a.description = request.description();
        }
        if (request.retentionDays() != null) {
            a.retentionDays = request.retentionDays();
        }
        return UpdateArchiveResponse.builder().archiveArn(a.arn).state(a.state).creationTime(a.creationTime).build();
    }

    public DeleteArchiveResponse deleteArchive(DeleteArchiveRequest request) {
        EventsStore s = stores.current();
        archive(s, request.archiveName());
        s.archives.remove(request.archiveName());
        return DeleteArchiveResponse.builder().build();
    }
}
