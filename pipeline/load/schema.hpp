// The keys each kind of YAML mapping may hold. One table drives the loader's
// unknown-key and missing-key checks, and a test holds schema/boardpack.schema.json
// to the same keys, so the editor schema and the tool cannot drift apart.
#pragma once
#include <string>
#include <vector>

namespace bp::load {

struct ObjectSchema {
    std::string name;                   // the $defs name in the JSON Schema
    std::vector<std::string> required;
    std::vector<std::string> optional;
};

const std::vector<ObjectSchema>& all_schemas();
const ObjectSchema& schema(const std::string& name);  // throws std::out_of_range

}  // namespace bp::load
