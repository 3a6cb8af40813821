package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.StoreUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The outbox: an append-only log of records in segment files ({@code outbox/segment-<first seq>.log}) in the
 * directory, each framed as [length][CRC32C][type, seq, accepted-at millis, payload]. A data record is forced to disk
 * before the primary commits the write ({@link OutboxAppender}), so that a write the primary committed is never
 * missing from the log; a torn record at the end (a crash while appending) fails its checksum and is cut off when the
 * log is opened. A data record is followed by a marker when the primary refused the write ({@link #CANCEL}) or could
 * not tell its outcome ({@link #IN_DOUBT}), or took it ({@link #ACK}). Only the last record can lack its marker after
 * a crash (a marker is written before the next record, whose forcing carries it to disk): its outcome on the primary
 * is unknown.
 *
 * <p>Also holds the directory's lock ({@value #LOCK}): one open dual store per directory.
 */
final class Outbox implements AutoCloseable {
    /** The lock file the app holds while it uses the directory. */
    static final String LOCK = "lock";
    static final String SEGMENTS = "outbox";
    static final byte DATA = 1;
    static final byte CANCEL = 2;
    static final byte IN_DOUBT = 3;
    /** The primary took the write (not forced: the next data record's forcing carries it). */
    static final byte ACK = 4;
    private static final int HEADER = 8;
    private static final int BODY_HEADER = 1 + 8 + 8;
    private static final long INDEX_STEP_MILLIS = 100;

    private final Path segmentDirectory;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    /**
     * By sequence number, when the first data record of each tenth of a second the log holds was accepted: the age
     * of the oldest waiting record to within {@link #INDEX_STEP_MILLIS}, without reading the log (for a record from
     * before the log was opened, to within its segment's span, since only the last segment is read whole at the
     * open). Fine enough for the mirror's yield to the app's writes, which goes by that age.
     */
    private final ConcurrentSkipListMap<Long, Long> acceptedIndex = new ConcurrentSkipListMap<>();
    private FileChannel current;
    private volatile long currentFirst;
    private volatile long currentLength;
    private long closedSegmentBytes;
    private long lastSeq;
    private byte tailMarker;

    private Outbox(Path directory, long maxBytes, long segmentBytes, FileChannel lockChannel, FileLock lock) {
        this.segmentDirectory = directory.resolve(SEGMENTS);
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks the directory and opens its log, cutting off a torn last record.
     *
     * @throws StoreUnavailableException when another process (or another store in this one) uses the directory
     */
    static Outbox open(Path directory, long maxBytes, long segmentBytes) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory.resolve(SEGMENTS));
            lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new StoreUnavailableException("the dual store's outbox directory " + directory + " is in use by "
                        + "another process (or another dual store in this one); stop it, or give this store an "
                        + "outbox.directory of its own");
            }
            Outbox outbox = new Outbox(directory, maxBytes, segmentBytes, lockChannel, lock);
            outbox.recover();
            return outbox;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StoreUnavailableException("cannot open the dual store's outbox in " + directory + ": "
                    + e.getMessage() + "; check the disk and the directory's permissions", e);
        }
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(segmentDirectory)) {
            files.filter(f -> f.getFileName().toString().matches("segment-\\d+\\.log"))
                    .forEach(f -> segments.put(firstSeqOf(f), f));
        }
        if (segments.isEmpty()) {
            startSegment(1);
            lastSeq = 0;
            return;
        }
        for (Map.Entry<Long, Path> entry : segments.headMap(segments.lastKey()).entrySet()) {
            closedSegmentBytes += Files.size(entry.getValue());
            try (FileChannel older = FileChannel.open(entry.getValue(), StandardOpenOption.READ)) {
                Frame frame = readFrame(older, 0, older.size());
                if (frame != null && frame.type == DATA) {
                    index(frame.seq, frame.acceptedAtMillis);
                }
            }
        }
        long first = segments.lastKey();
        Path last = segments.get(first);
        current = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE);
        lastSeq = first - 1;
        long position = 0;
        long size = current.size();
        while (true) {
            Frame frame = readFrame(current, position, size);
            if (frame == null) {
                break;
            }
            if (frame.type == DATA) {
                lastSeq = frame.seq;
                tailMarker = 0;
                index(frame.seq, frame.acceptedAtMillis);
            } else if (frame.seq == lastSeq) {
                tailMarker = frame.type;
            }
            position += HEADER + frame.length;
        }
        if (position < size) {
            current.truncate(position);
            current.force(true);
        }
        current.position(position);
        currentFirst = first;
        currentLength = position;
        if (lastSeq < first - 1) {
            lastSeq = first - 1;
        }
    }

    private static long firstSeqOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring("segment-".length(), name.length() - ".log".length()));
    }

    private void startSegment(long firstSeq) throws IOException {
        if (current != null) {
            current.force(true);
            closedSegmentBytes += current.size();
            current.close();
        }
        Path file = segmentDirectory.resolve(String.format("segment-%020d.log", firstSeq));
        current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        synchronized (segments) {
            segments.put(firstSeq, file);
        }
        currentLength = 0;
        currentFirst = firstSeq;
    }

    /** @return the sequence number of the last data record */
    synchronized long lastSeq() {
        return lastSeq;
    }

    /** @return the marker the last data record had when the log was opened (0 for none) */
    byte tailMarker() {
        return tailMarker;
    }

    /** @return the disk the log takes */
    synchronized long bytes() {
        return closedSegmentBytes + currentLength;
    }

    /** @return whether a data record of that payload fits within max-bytes */
    synchronized boolean fits(int payloadLength) {
        return bytes() + HEADER + BODY_HEADER + payloadLength <= maxBytes;
    }

    /**
     * Appends a data record, forced to disk.
     *
     * @return its sequence number
     */
    synchronized long appendData(byte[] payload) throws IOException {
        long seq = lastSeq + 1;
        if (currentLength >= segmentBytes) {
            startSegment(seq);
        }
        long now = System.currentTimeMillis();
        write(DATA, seq, now, payload);
        current.force(false);
        lastSeq = seq;
        index(seq, now);
        return seq;
    }

    private void index(long seq, long acceptedAtMillis) {
        Map.Entry<Long, Long> last = acceptedIndex.lastEntry();
        if (last == null || last.getValue() / INDEX_STEP_MILLIS != acceptedAtMillis / INDEX_STEP_MILLIS) {
            acceptedIndex.put(seq, acceptedAtMillis);
        }
    }

    /**
     * @return when the data record {@code seq} was accepted, at most {@link #INDEX_STEP_MILLIS} early (see
     *         {@link #acceptedIndex});
     *         empty when the log holds nothing that old
     */
    Optional<Instant> acceptedAround(long seq) {
        Map.Entry<Long, Long> floor = acceptedIndex.floorEntry(seq);
        return floor == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(floor.getValue()));
    }

    /** Forgets the acceptance times of the records before {@code seq}, which the secondary holds. */
    void forgetAcceptedBefore(long seq) {
        Long floor = acceptedIndex.floorKey(seq);
        if (floor != null) {
            acceptedIndex.headMap(floor).clear();
        }
    }

    /** Appends a marker for a data record, forced to disk when asked. */
    synchronized void appendMarker(byte type, long seq, boolean force) throws IOException {
        write(type, seq, System.currentTimeMillis(), new byte[0]);
        if (force) {
            current.force(false);
        }
    }

    private void write(byte type, long seq, long millis, byte[] payload) throws IOException {
        int length = BODY_HEADER + payload.length;
        ByteBuffer frame = ByteBuffer.allocate(HEADER + length);
        frame.putInt(length);
        frame.putInt(0);
        frame.put(type).putLong(seq).putLong(millis).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), HEADER, length);
        frame.putInt(4, (int) crc.getValue());
        frame.flip();
        long position = currentLength;
        try {
            while (frame.hasRemaining()) {
                position += current.write(frame, position);
            }
        } catch (IOException e) {
            current.truncate(currentLength); // a partly written frame would be cut off at the next open anyway
            throw e;
        }
        currentLength = position;
    }

    /** @return whether {@link #deleteThrough} of {@code seq} would delete a segment */
    boolean deletable(long seq) {
        synchronized (segments) {
            return segments.size() > 1 && segments.higherKey(segments.firstKey()) - 1 <= seq;
        }
    }

    /** Deletes the segments whose every record has a sequence number up to {@code seq}. */
    void deleteThrough(long seq) {
        synchronized (segments) {
            while (segments.size() > 1) {
                Map.Entry<Long, Path> oldest = segments.firstEntry();
                Long next = segments.higherKey(oldest.getKey());
                if (next == null || next - 1 > seq) {
                    return;
                }
                try {
                    long size = Files.size(oldest.getValue());
                    Files.deleteIfExists(oldest.getValue());
                    synchronized (this) {
                        closedSegmentBytes -= size;
                    }
                } catch (IOException e) {
                    return; // tried again after the next replay
                }
                segments.remove(oldest.getKey());
            }
        }
    }

    /** @return a reader from the first record with a sequence number of at least {@code fromSeq} */
    Reader reader(long fromSeq) {
        return new Reader(fromSeq);
    }

    @Override
    public synchronized void close() {
        try {
            if (current != null) {
                current.force(true);
                current.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /**
     * Reads the data records after a sequence number from the segment files, without the directory's lock, while the
     * app may be appending: a record still being written fails its checksum and ends the scan, as at an open.
     *
     * @param directory the outbox directory
     * @param afterSeq the records after this one are given to {@code each}, in order
     */
    static void scan(Path directory, long afterSeq, java.util.function.Consumer<Frame> each) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        Path segmentDirectory = directory.resolve(SEGMENTS);
        if (!Files.isDirectory(segmentDirectory)) {
            return;
        }
        try (Stream<Path> list = Files.list(segmentDirectory)) {
            list.filter(f -> f.getFileName().toString().matches("segment-\\d+\\.log"))
                    .forEach(f -> files.put(firstSeqOf(f), f));
        }
        Long start = files.floorKey(afterSeq + 1);
        for (Path file : (start == null ? files : files.tailMap(start, true)).values()) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long position = 0;
                long size = channel.size();
                Frame frame;
                while ((frame = readFrame(channel, position, size)) != null) {
                    if (frame.type == DATA && frame.seq > afterSeq) {
                        each.accept(frame);
                    }
                    position += HEADER + frame.length;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // deleted once the secondary held all of it: nothing after afterSeq was in it
            }
        }
    }

    /** A frame read back; {@code payload} is positioned at the payload. */
    record Frame(byte type, long seq, long acceptedAtMillis, int length, ByteBuffer payload) {}

    private static Frame readFrame(FileChannel channel, long position, long limit) throws IOException {
        limit = Math.min(limit, channel.size());
        if (position + HEADER > limit) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(channel, header, position);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length < BODY_HEADER || position + HEADER + length > limit) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(channel, body, position + HEADER);
        CRC32C check = new CRC32C();
        check.update(body.array(), 0, length);
        if ((int) check.getValue() != crc) {
            return null;
        }
        body.position(0);
        byte type = body.get();
        long seq = body.getLong();
        long acceptedAt = body.getLong();
        return new Frame(type, seq, acceptedAt, length, body.slice());
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("unexpected end of the outbox's segment");
            }
        }
        buffer.flip();
    }

    /** Reads records in order, following new segments as they are started; one thread at a time. */
    final class Reader implements AutoCloseable {
        private long segmentFirst = -1;
        private FileChannel channel;
        private long position;
        private final long fromSeq;
        private Frame pending;

        private Reader(long fromSeq) {
            this.fromSeq = fromSeq;
        }

        /** @return the next data record at or after fromSeq, or null when none is in the log yet */
        Frame nextData() throws IOException {
            while (true) {
                Frame frame = next();
                if (frame == null) {
                    return null;
                }
                if (frame.type == DATA && frame.seq >= fromSeq) {
                    return frame;
                }
            }
        }

        /** @return the marker for {@code seq} if the next frame is one (consumed), else 0 */
        byte markerFor(long seq) throws IOException {
            Frame frame = next();
            if (frame == null) {
                return 0;
            }
            if (frame.type != DATA && frame.seq == seq) {
                return frame.type;
            }
            pending = frame;
            return 0;
        }

        private Frame next() throws IOException {
            if (pending != null) {
                Frame frame = pending;
                pending = null;
                return frame;
            }
            while (true) {
                if (channel == null && !openSegment()) {
                    return null;
                }
                boolean isCurrent = segmentFirst == currentFirst;
                long limit = isCurrent ? currentLength : channel.size();
                Frame frame = readFrame(channel, position, limit);
                if (frame != null) {
                    position += HEADER + frame.length;
                    return frame;
                }
                if (isCurrent || segmentFirst == currentFirst) {
                    return null;
                }
                Long next;
                synchronized (segments) {
                    next = segments.higherKey(segmentFirst);
                }
                if (next == null) {
                    return null;
                }
                channel.close();
                channel = null;
                segmentFirst = next;
                position = 0;
            }
        }

        private boolean openSegment() throws IOException {
            Path file;
            synchronized (segments) {
                if (segmentFirst < 0) {
                    Long key = segments.floorKey(fromSeq);
                    segmentFirst = key != null ? key : segments.isEmpty() ? -1 : segments.firstKey();
                }
                file = segments.get(segmentFirst);
            }
            if (file == null) {
                return false;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
            position = 0;
            return true;
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }
}
