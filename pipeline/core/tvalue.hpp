// The data a template sees: text, objects, lists and flags. Never a number: numbers
// reach templates already formatted (kainjow would turn a number into `true`).
// Programme kinds (kinds/) build their named figures in it; compose renders it.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace bp {

struct TValue {
    enum class Kind { text, object, list, flag, helper } kind = Kind::object;
    std::string text;
    std::map<std::string, TValue> fields;
    std::vector<TValue> items;
    bool flag = false;
    // A raw figure's unit ("£", "£'000s", "£m", "count", "%", "number", "date",
    // "year"): the formatting helpers take only the units they print faithfully.
    std::string unit;
    // Set when the value has no true reading for this data (a figure "above target"
    // for a programme below it, a table that is never placed): why, and what to use.
    // Printing it where it renders is an error at the template's tag.
    std::string refusal;

    static TValue str(std::string s);
    static TValue raw(std::string s, std::string unit);
    static TValue refused(std::string why);
    static TValue boolean(bool b);
    static TValue list(std::vector<TValue> items);
    static TValue helper(std::string name);  // a formatting helper (compose/helpers.hpp), used as a section
    // Sets a dotted path ("report.meeting_date"), creating objects on the way.
    void set(const std::string& path, TValue v);
    const TValue* find(const std::string& key) const;
    // Copies every field of `other` in, recursively; `other` wins where both have text.
    void merge(const TValue& other);
};

}  // namespace bp
