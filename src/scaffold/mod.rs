//! Making new files for the writer: `init`'s starter site and `new`'s
//! entries from archetypes. Both never overwrite a file.

pub(crate) mod archetype;
pub(crate) mod init;
