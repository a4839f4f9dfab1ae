package dev.lanyard.server.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LiveSeqsTest {
    @Test
    void seqsReadBackAsWritten() {
        assertThat(LiveSeqs.parse(LiveSeqs.format(new long[] {12, 13, 17}))).containsExactly(12, 13, 17);
    }

    @Test
    void morePayloadSeqsThanALiveSignalCarriesAreRefused() {
        String tooMany = LiveSeqs.format(LongStream.rangeClosed(1, ChangeHub.MAX_LIVE_SEQS).toArray()) + ",65";

        assertThatThrownBy(() -> LiveSeqs.parse(tooMany)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSeqBelowOneIsRefused() {
        assertThatThrownBy(() -> LiveSeqs.parse("3,0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveSeqs.parse("3,x")).isInstanceOf(IllegalArgumentException.class);
    }
}
