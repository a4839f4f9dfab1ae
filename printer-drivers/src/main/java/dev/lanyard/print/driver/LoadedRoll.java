package dev.lanyard.print.driver;

import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.PrinterModel;
import java.util.Optional;

/**
 * The roll a printer says it has loaded. {@code reported} is false where the protocol cannot tell
 * (LabelWriter 400/450/4XL); {@code media} is the catalog stock that matches, when one does.
 */
public record LoadedRoll(boolean reported, Optional<Media> media, HumanMessage description) {
    public LoadedRoll {
        media = media == null ? Optional.empty() : media;
    }

    static LoadedRoll unreported(PrinterModel model) {
        return new LoadedRoll(false, Optional.empty(), new HumanMessage(
                "The " + model.displayName() + " does not report which labels are loaded",
                model.displayName() + "은(는) 넣은 라벨 종류를 알려 주지 않습니다"));
    }

    /** The message for a job that needs {@code needed} when this roll is loaded. */
    HumanMessage mismatch(HumanMessage needed) {
        return new HumanMessage(description.english() + " loaded; this badge needs " + needed.english(),
                description.korean() + "이 들어 있습니다. 이 배지에는 " + needed.korean() + "이 필요합니다");
    }
}
