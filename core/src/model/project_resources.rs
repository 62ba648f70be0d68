//! The resource and assignment half of [`Project`].

use super::{Assignment, ModelError, Project, Resource, ResourceKind};
use crate::calendar::Duration;
use crate::ids::{ResourceId, TaskId};

impl Project {
    /// Adds a resource and returns its new id.
    ///
    /// # Errors
    /// [`ModelError::InvalidResource`] (negative or non-finite units or rates, reversed
    /// ranges) or [`ModelError::UnknownCalendar`].
    ///
    /// # Example
    /// ```
    /// # use chrono::NaiveDate;
    /// use planix::{Assignment, CostRate, Duration, Project, Resource, Task};
    /// # let mut p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
    /// let ana = p.add_resource(Resource::work("Ana", 1.0).with_rate(CostRate::new(90.0)))?;
    /// let t = p.add_task(Task::new("Design").with_duration(Duration::hours(16)))?;
    /// p.assign(Assignment::new(t, ana, 0.5))?;
    /// assert_eq!(p.assignment(t, ana).unwrap().work(Duration::hours(16)), Duration::hours(8));
    /// assert!(p.add_resource(Resource::work("Ghost", -1.0)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_resource(&mut self, mut resource: Resource) -> Result<ResourceId, ModelError> {
        let id = ResourceId(self.next_resource);
        resource.id = id;
        self.check_resource(&resource)?;
        self.resources.insert(id, resource);
        self.next_resource += 1;
        self.revision += 1;
        Ok(id)
    }

    /// A resource by id.
    pub fn resource(&self, id: ResourceId) -> Option<&Resource> {
        self.resources.get(&id)
    }

    /// All resources, by id.
    pub fn resources(&self) -> impl ExactSizeIterator<Item = &Resource> {
        self.resources.values()
    }

    /// Edits a resource through a closure; the edit is validated and undone if invalid.
    ///
    /// # Errors
    /// [`ModelError::UnknownResource`] or any error of [`Project::add_resource`].
    pub fn edit_resource(
        &mut self,
        id: ResourceId,
        f: impl FnOnce(&mut Resource),
    ) -> Result<(), ModelError> {
        let mut r = self
            .resources
            .get(&id)
            .cloned()
            .ok_or(ModelError::UnknownResource(id))?;
        f(&mut r);
        r.id = id;
        r.rates.sort_by_key(|x| x.from);
        self.check_resource(&r)?;
        self.resources.insert(id, r);
        self.revision += 1;
        Ok(())
    }

    /// Removes a resource and its assignments.
    ///
    /// # Errors
    /// [`ModelError::UnknownResource`].
    pub fn remove_resource(&mut self, id: ResourceId) -> Result<Resource, ModelError> {
        let r = self
            .resources
            .remove(&id)
            .ok_or(ModelError::UnknownResource(id))?;
        self.assignments.retain(|(_, res), _| *res != id);
        self.foreign.resources.remove(&id);
        self.foreign.assignments.retain(|a| a.resource != id);
        self.revision += 1;
        Ok(r)
    }

    /// Assigns a resource to a task, or replaces the assignment of that pair.
    ///
    /// On an effort-driven task that already has work-resource assignments, the task's
    /// total work stays the same and the duration shrinks (or grows) to
    /// `work / total units`, as in MS Project.
    ///
    /// # Errors
    /// [`ModelError::UnknownTask`], [`ModelError::UnknownResource`] or
    /// [`ModelError::InvalidAssignment`] (units outside 0..=1,000,000, non-finite cost,
    /// zero units of a work resource on an effort-driven task).
    ///
    /// # Example
    /// ```
    /// # use chrono::NaiveDate;
    /// use planix::{Assignment, Duration, Project, Resource, Task};
    /// # let mut p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
    /// let a = p.add_resource(Resource::work("Ana", 1.0))?;
    /// let b = p.add_resource(Resource::work("Ben", 1.0))?;
    /// let t = p.add_task(Task::new("Build").with_duration(Duration::hours(40)).effort_driven())?;
    /// p.assign(Assignment::new(t, a, 1.0))?;
    /// p.assign(Assignment::new(t, b, 1.0))?; // 40 h of work, now shared by two
    /// assert_eq!(p.task(t).unwrap().duration, Duration::hours(20));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assign(&mut self, assignment: Assignment) -> Result<(), ModelError> {
        self.check_assignment(&assignment)?;
        let task = &self.tasks[&assignment.task];
        let key = (assignment.task, assignment.resource);
        let mut new_duration = None;
        let is_work = self.resources[&assignment.resource].kind == ResourceKind::Work;
        if task.effort_driven && is_work {
            let units_now: f64 = self.work_units(assignment.task, None);
            if units_now > 0.0 {
                let units_after =
                    self.work_units(assignment.task, Some(assignment.resource)) + assignment.units;
                if units_after <= 0.0 {
                    return Err(ModelError::InvalidAssignment {
                        task: assignment.task,
                        name: task.name.clone(),
                        resource: assignment.resource,
                        message: "an effort-driven task needs some units to do its work".into(),
                    });
                }
                let work = task.duration.as_minutes() as f64 * units_now;
                new_duration = Some(Duration::minutes((work / units_after).round() as i64));
            }
        }
        if let Some(d) = new_duration {
            if let Some(t) = self.tasks.get_mut(&assignment.task) {
                t.duration = d;
            }
        }
        self.assignments.insert(key, assignment);
        self.revision += 1;
        Ok(())
    }

    /// Total units of work resources on a task, leaving out `except`.
    fn work_units(&self, task: TaskId, except: Option<ResourceId>) -> f64 {
        self.assignments_of(task)
            .filter(|a| Some(a.resource) != except)
            .filter(|a| {
                self.resources
                    .get(&a.resource)
                    .is_some_and(|r| r.kind == ResourceKind::Work)
            })
            .map(|a| a.units)
            .sum()
    }

    /// Removes an assignment and returns it.
    ///
    /// # Errors
    /// [`ModelError::UnknownResource`] when the pair is not assigned.
    pub fn unassign(
        &mut self,
        task: TaskId,
        resource: ResourceId,
    ) -> Result<Assignment, ModelError> {
        let a = self
            .assignments
            .remove(&(task, resource))
            .ok_or(ModelError::UnknownResource(resource))?;
        self.revision += 1;
        Ok(a)
    }

    /// The assignment of a resource to a task.
    pub fn assignment(&self, task: TaskId, resource: ResourceId) -> Option<&Assignment> {
        self.assignments.get(&(task, resource))
    }

    /// All assignments, by (task, resource).
    pub fn assignments(&self) -> impl ExactSizeIterator<Item = &Assignment> {
        self.assignments.values()
    }

    /// The assignments of one task.
    pub fn assignments_of(&self, task: TaskId) -> impl Iterator<Item = &Assignment> {
        self.assignments
            .range((task, ResourceId(0))..=(task, ResourceId(u32::MAX)))
            .map(|(_, a)| a)
    }

    pub(crate) fn check_resource(&self, r: &Resource) -> Result<(), ModelError> {
        if let Some(message) = r.problem() {
            return Err(ModelError::InvalidResource {
                resource: r.id,
                name: r.name.clone(),
                message,
            });
        }
        if let Some(c) = r.calendar {
            if !self.calendars.contains_key(&c) {
                return Err(ModelError::UnknownCalendar(c));
            }
        }
        Ok(())
    }

    pub(crate) fn check_assignment(&self, a: &Assignment) -> Result<(), ModelError> {
        let task = self
            .tasks
            .get(&a.task)
            .ok_or(ModelError::UnknownTask(a.task))?;
        if !self.resources.contains_key(&a.resource) {
            return Err(ModelError::UnknownResource(a.resource));
        }
        if let Some(message) = a.problem() {
            return Err(ModelError::InvalidAssignment {
                task: a.task,
                name: task.name.clone(),
                resource: a.resource,
                message,
            });
        }
        Ok(())
    }
}
