from .presenters import plan_link

GLOBALS = {"arrears_plan_link": plan_link}
